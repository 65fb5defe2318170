using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.ServiceDefaults.Messaging;

public sealed record QueuesView(IReadOnlyList<QueueReading> Queues);

public sealed record ReplayView(IReadOnlyDictionary<string, int> Replayed, int Total);

/// <summary>
/// Operators' actions on a service's messaging (issue 24), behind <c>platform.operate</c> and for clients of
/// every county only: the queues with their depth and dead letters, and the replay of dead letters after the
/// cause is mended. The dashboard's "Replay dead letters" command calls the second; what an operator does is in the
/// service's audit trail under their name.
/// </summary>
public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi<TDbContext>(this IEndpointRouteBuilder app, string serviceName) where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup($"{ResourceNames.ApiPrefix(serviceName)}/operations").WithTags("Operations").ProvinceWide();
        group.MapGet("/queues", QueuesAsync).WithSummary("The service's consumer queues: messages waiting and dead letters (read now) / 消费队列积压与死信");
        group.MapPost("/dead-letters/replay", ReplayAsync<TDbContext>)
            .WithSummary("Move every dead letter back to the queue it failed in, once its cause is mended; the inbox keeps a replay from acting twice / 重放死信");
        return group;
    }

    private static async Task<Ok<QueuesView>> QueuesAsync(ConsumerQueues queues, CancellationToken ct) =>
        TypedResults.Ok(new QueuesView(await queues.ReadAsync(ct, fresh: true)));

    private static async Task<Ok<ReplayView>> ReplayAsync<TDbContext>(HttpContext context, ConsumerQueues queues, TDbContext db, TimeProvider clock, CancellationToken ct)
        where TDbContext : DbContext
    {
        var replayed = await queues.ReplayDeadLettersAsync(ct);
        var total = replayed.Values.Sum();
        await RecordAsync(context, db, "DeadLetters", "replayed", new { replayed, total }, clock, ct);
        return TypedResults.Ok(new ReplayView(replayed, total));
    }

    /// <summary>An operator's action in the service's audit trail, under the caller of the request (not county data: no county).</summary>
    public static async Task RecordAsync(HttpContext context, DbContext db, string entity, string action, object changes, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        using var actor = AuditActor.Begin(Caller.Of(context).Actor);
        AuditTrail.Record(db, entity, "operations", action, county: null, changes, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
