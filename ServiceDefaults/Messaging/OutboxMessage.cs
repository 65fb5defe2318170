using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be relayed to RabbitMQ. It is inserted in the same database
/// transaction as the state change it announces, so the two commit or vanish together.
/// </summary>
[Audit.NotAudited]
public sealed class OutboxMessage
{
    /// <summary>
    /// The body is the message as it travels (the relay publishes it as stored, MassTransit's raw JSON): camel case as
    /// MassTransit writes it, and Chinese text as itself rather than \u escapes (the body is JSON data in a column and
    /// on the wire, never inserted into a page).
    /// </summary>
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

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

    /// <summary>The CLR type the row announces (its exchange, and the message types its consumers bind to).</summary>
    public Type ResolveType() => Types.GetOrAdd(MessageType, static name => Type.GetType(name, throwOnError: true)!);

    /// <summary>
    /// An instance of the row's type with no state, which is all MassTransit's publish needs to route and label the
    /// message: the relay sends <see cref="Body"/> as the message's JSON (<see cref="StoredJsonSerializer"/>), so the
    /// row is not deserialized into the record only to be serialized again (issue 22: the two were 7 % of payments'
    /// CPU in a campaign). The platform's messages carry no property MassTransit reads while publishing (a
    /// <c>CorrelationId</c>, <c>EventId</c> or <c>CommandId</c> Guid), which a unit test of the contracts keeps true.
    /// </summary>
    internal static object RoutingPlaceholder(Type type) => RuntimeHelpers.GetUninitializedObject(type);

    internal void RecordFailure(string error, DateTimeOffset now, TimeSpan maxBackoff)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        var backoff = TimeSpan.FromSeconds(Math.Min(maxBackoff.TotalSeconds, Math.Pow(2, Math.Min(Attempts, 16))));
        AvailableAt = now + backoff;
    }
}
