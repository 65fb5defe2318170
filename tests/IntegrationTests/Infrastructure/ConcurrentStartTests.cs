using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Runs whose local servers start side by side must not take each other's ports: CI once lost eight
/// tests to RabbitMQ's <c>dist_port_already_used</c>, a port chosen free and bound later while another
/// fixture started its own servers. Three runs start at once, twice over; every broker and database
/// must come up.
/// </summary>
public sealed class ConcurrentStartTests
{
    [Fact]
    public async Task Three_local_runs_started_at_once_all_come_up_twice_over()
    {
        for (var round = 0; round < 2; round++)
        {
            var runs = Enumerable.Range(0, 3).Select(_ => new MessagingServersFixture()).ToList();
            try
            {
                await Task.WhenAll(runs.Select(run => run.InitializeAsync()));
                Assert.All(runs, run => Assert.StartsWith("amqp://", run.BrokerConnectionString, StringComparison.Ordinal));
                Assert.Equal(3, runs.Select(run => run.BrokerConnectionString).Distinct().Count());
            }
            finally
            {
                await Task.WhenAll(runs.Select(run => run.DisposeAsync()));
            }
        }
    }
}
