using System.Diagnostics;
using System.Text.Json;
using MassTransit.Serialization;
using ReliefPlatform.Contracts.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class OutboxMessageTests
{
    /// <summary>The relay sends the stored body as it is (issue 22): it must read back as MassTransit's consumers read it.</summary>
    [Fact]
    public void A_message_round_trips_through_its_row_as_a_consumer_reads_it()
    {
        var sent = new WiringProbeSent(Guid.NewGuid(), "intake", DateTimeOffset.UtcNow, "临时救助 note");

        var row = OutboxMessage.Create(sent);
        var type = row.ResolveType();
        var received = JsonSerializer.Deserialize(row.Body, type, SystemTextJsonMessageSerializer.Options);

        Assert.Equal(typeof(WiringProbeSent), type);
        Assert.Equal(sent, received);
        Assert.Contains("临时救助", row.Body, StringComparison.Ordinal);
        Assert.Contains("\"probeId\"", row.Body, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, row.MessageId);
        Assert.Equal(row.CreatedAt, row.AvailableAt);
    }

    /// <summary>
    /// The relay publishes a stateless instance of the row's type (<c>OutboxMessage.RoutingPlaceholder</c>): MassTransit
    /// must find nothing in a message to read while publishing, which by convention is a Guid named CorrelationId,
    /// EventId or CommandId.
    /// </summary>
    [Fact]
    public void No_contract_carries_a_property_MassTransit_reads_while_publishing()
    {
        var read = new[] { "CorrelationId", "EventId", "CommandId" };
        var offending = typeof(WiringProbeSent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true })
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => read.Contains(x.Property.Name) && (x.Property.PropertyType == typeof(Guid) || x.Property.PropertyType == typeof(Guid?)))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Each_row_gets_its_own_message_id()
    {
        var sent = new WiringProbeSent(Guid.NewGuid(), "intake", DateTimeOffset.UtcNow, null);

        Assert.NotEqual(OutboxMessage.Create(sent).MessageId, OutboxMessage.Create(sent).MessageId);
    }

    [Fact]
    public void The_ambient_correlation_id_and_trace_are_captured()
    {
        using var source = new ActivitySource("test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("request");
        using var correlation = CorrelationContext.Begin("corr-42");

        var row = OutboxMessage.Create(new WiringProbeSent(Guid.NewGuid(), "intake", DateTimeOffset.UtcNow, null));

        Assert.Equal("corr-42", row.CorrelationId);
        Assert.Equal(activity!.Id, row.TraceParent);
    }

    [Fact]
    public void Correlation_context_is_restored_after_its_scope()
    {
        using (CorrelationContext.Begin("outer"))
        {
            using (CorrelationContext.Begin("inner"))
            {
                Assert.Equal("inner", CorrelationContext.Current);
            }

            Assert.Equal("outer", CorrelationContext.Current);
        }

        Assert.Null(CorrelationContext.Current);
    }
}
