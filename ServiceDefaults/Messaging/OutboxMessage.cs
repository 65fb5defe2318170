using System.Diagnostics;
using System.Text.Json;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be relayed to RabbitMQ. It is inserted in the same database
/// transaction as the state change it announces, so the two commit or vanish together.
/// </summary>
[Audit.NotAudited]
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public long Id { get; private set; }

    /// <summary>The MassTransit message id: stable across relays, so a consumer's inbox can spot a second delivery.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>The CLR type, as <c>Full.Name, Assembly</c>, that the body deserializes to.</summary>
    public string MessageType { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string? CorrelationId { get; private set; }

    /// <summary>W3C traceparent of the activity that wrote the message, so the relay joins the same trace.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The relay leaves the row alone until then (back-off after a failed relay).</summary>
    public DateTimeOffset AvailableAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    private OutboxMessage()
    {
    }

    public static OutboxMessage Create<T>(T message, TimeProvider? clock = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var type = message.GetType();
        return new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(now),
            MessageType = TypeName(type),
            Body = JsonSerializer.Serialize(message, type, SerializerOptions),
            CorrelationId = CorrelationContext.Current,
            TraceParent = Activity.Current?.Id,
            CreatedAt = now,
            AvailableAt = now,
        };
    }

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public (object Message, Type Type) Deserialize()
    {
        var type = Type.GetType(MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(Body, type, SerializerOptions)
            ?? throw new InvalidOperationException($"Outbox message {MessageId} has an empty body.");
        return (message, type);
    }

    internal void RecordFailure(string error, DateTimeOffset now, TimeSpan maxBackoff)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        var backoff = TimeSpan.FromSeconds(Math.Min(maxBackoff.TotalSeconds, Math.Pow(2, Math.Min(Attempts, 16))));
        AvailableAt = now + backoff;
    }
}
