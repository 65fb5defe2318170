using System.Diagnostics;
using ReliefPlatform.Contracts.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class OutboxMessageTests
{
    [Fact]
    public void A_message_round_trips_through_its_row()
    {
        var sent = new WiringProbeSent(Guid.NewGuid(), "intake", DateTimeOffset.UtcNow, "note");

        var row = OutboxMessage.Create(sent);
        var (message, type) = row.Deserialize();

        Assert.Equal(typeof(WiringProbeSent), type);
        Assert.Equal(sent, message);
        Assert.NotEqual(Guid.Empty, row.MessageId);
        Assert.Equal(row.CreatedAt, row.AvailableAt);
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
