using Microsoft.AspNetCore.Http;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.ServiceDefaults.Audit;

/// <summary>
/// Who the changes of the current flow are recorded under: a request's token actor, or the platform
/// itself while a consumer handles an event or a worker runs (set with <see cref="Begin"/>).
/// </summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    private static readonly AsyncLocal<Actor?> AmbientActor = new();

    /// <summary>The actor set by <see cref="Begin"/> for this flow, if any.</summary>
    public static Actor? Ambient => AmbientActor.Value;

    /// <summary>Records the changes of the enclosed flow under <paramref name="actor"/> (consumers, workers).</summary>
    public static IDisposable Begin(Actor actor)
    {
        var previous = AmbientActor.Value;
        AmbientActor.Value = actor;
        return new Restore(previous);
    }

    public Actor Current => Of(http.HttpContext);

    /// <summary>The flow's actor (<see cref="Begin"/>), else the request's token actor, else the platform itself.</summary>
    internal static Actor Of(HttpContext? request) =>
        AmbientActor.Value
        ?? (request is { User.Identity.IsAuthenticated: true } ? Caller.Of(request).Actor : null)
        ?? Actor.System("platform");

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => AmbientActor.Value = previous;
    }
}
