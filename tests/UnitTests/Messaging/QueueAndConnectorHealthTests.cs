using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>Issue 24: the health rules over consumer queues and outside connectors.</summary>
public sealed class QueueAndConnectorHealthTests
{
    [Fact]
    public void Queues_that_keep_up_without_dead_letters_are_healthy()
    {
        var result = ConsumerQueues.Assess([new("payments-grant-approved", 12, 0), new("payments-wiring-probe", 0, 0)], degradedDepth: 1_000);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("12 messages waiting", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_letter_degrades_and_names_its_queue()
    {
        var result = ConsumerQueues.Assess([new("payments-grant-approved", 0, 2)], degradedDepth: 1_000);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("2 dead letters in payments-grant-approved_error", result.Description);
    }

    [Fact]
    public void A_queue_past_its_depth_degrades_with_the_figure()
    {
        var result = ConsumerQueues.Assess([new("eligibility-application-submitted", 1_001, 0), new("eligibility-wiring-probe", 1_000, 0)], degradedDepth: 1_000);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("1001 messages wait in eligibility-application-submitted (over 1000)", result.Description);
    }

    [Fact]
    public void A_connector_is_degraded_after_failing_the_set_number_of_times_in_a_row_and_healthy_once_it_answers()
    {
        var bank = new ConnectorStatus("bank", failuresBeforeDegraded: 3);
        bank.Failed("IOException: the share is not mounted");
        bank.Failed("IOException: the share is not mounted");
        Assert.Equal(HealthStatus.Healthy, bank.Assess().Status);

        bank.Failed("IOException: the share is not mounted");
        var degraded = bank.Assess();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("bank connector failed 3 times in a row", degraded.Description, StringComparison.Ordinal);
        Assert.Contains("the share is not mounted", degraded.Description, StringComparison.Ordinal);

        bank.Answered();
        Assert.Equal(HealthStatus.Healthy, bank.Assess().Status);
        Assert.Equal(0, bank.ConsecutiveFailures);
    }
}
