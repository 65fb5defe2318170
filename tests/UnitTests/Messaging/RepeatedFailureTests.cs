using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>Issue 24: an outage of a repeating job is logged once as an error, with its event id, and once when it ends.</summary>
public sealed class RepeatedFailureTests
{
    [Fact]
    public void Ten_failures_in_a_row_are_one_error_and_one_line_when_it_works_again()
    {
        var log = new RecordingLogger<RepeatedFailureTests>();
        var failures = new RepeatedFailure(log, LogEvents.WorkerFailed, LogEvents.WorkerRecovered);
        for (var i = 0; i < 10; i++)
        {
            failures.Failed(new TimeoutException("the database does not answer"), "The bank round");
        }

        failures.Succeeded("The bank round");
        failures.Succeeded("The bank round");

        var error = Assert.Single(log.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Error, LogEvents.WorkerFailed), (error.Level, error.Id));
        var recovered = Assert.Single(log.Lines, l => l.Level == LogLevel.Information);
        Assert.Equal(LogEvents.WorkerRecovered, recovered.Id);
        Assert.Contains("after 10 failed attempts", recovered.Message, StringComparison.Ordinal);
        Assert.Equal(0, failures.Failures);
    }

    [Fact]
    public void Every_event_id_is_distinct()
    {
        var ids = typeof(LogEvents).GetFields().Select(f => (EventId)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct().Count());
    }
}
