namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// The correlation id of the work in progress (an HTTP request or a consumed message). It flows
/// with async calls, so the outbox can stamp it on every message without threading it through
/// every method.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> Ambient = new();

    public static string? Current => Ambient.Value;

    public static IDisposable Begin(string? correlationId)
    {
        var previous = Ambient.Value;
        Ambient.Value = correlationId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
