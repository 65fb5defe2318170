using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using MassTransit;
using ReliefPlatform.AppHost;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Diagnostics;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>Issue 24: what an operator sees and does when messages fail, on the running platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OperationsViewTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_dead_letter_makes_the_service_degraded_and_the_dashboards_replay_command_delivers_it_once()
    {
        // A probe that failed after its retries, as MassTransit leaves one: in the consumer queue's _error queue.
        var probeId = Guid.NewGuid();
        var bus = await platform.StartTestBusAsync();
        try
        {
            var errorQueue = await bus.GetSendEndpoint(new Uri("queue:oversight-wiring-probe_error"));
            await errorQueue.Send(new WiringProbeSent(probeId, "intake", DateTimeOffset.UtcNow, "failed before the cause was mended"));
        }
        finally
        {
            await bus.StopAsync();
        }

        using var oversight = platform.App.CreateHttpClient(ResourceNames.Oversight);
        await Eventually.TrueAsync(async () => await oversight.GetStringAsync("/health") == "Degraded", "oversight to be Degraded with a dead letter");
        var queues = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/operations/queues");
        var probeQueue = queues.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "oversight-wiring-probe");
        Assert.Equal(1, probeQueue.GetProperty("deadLetters").GetInt64());
        // Other services are not troubled by it.
        using (var payments = platform.App.CreateHttpClient(ResourceNames.Payments))
        {
            Assert.Equal("Healthy", await payments.GetStringAsync("/health"));
        }

        var result = await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Oversight, PlatformServiceExtensions.ReplayDeadLettersCommand);
        Assert.True(result.Success, result.Message);
        // The operator's action is in the service's audit trail, under the dashboard's operator client.
        var trail = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/audit?entity=DeadLetters&action=replayed");
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("actorId").GetString() == PlatformIdentity.OperatorClientId);

        var received = await Eventually.GetJsonAsync(platform.Gateway, $"/api/oversight/diagnostics/probes/{probeId}");
        Assert.Equal("failed before the cause was mended", received.GetProperty("note").GetString());
        await Eventually.TrueAsync(async () => await oversight.GetStringAsync("/health") == "Healthy", "oversight to be Healthy once the dead letter is replayed");
        queues = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/operations/queues");
        Assert.All(queues.GetProperty("queues").EnumerateArray(), q => Assert.Equal(0, q.GetProperty("deadLetters").GetInt64()));
    }

    [Fact]
    public async Task Operations_need_platform_operate_and_every_county()
    {
        using var county = platform.ClientFor(DevelopmentClients.Xinzhou);
        using var refused = await county.PostAsync("/api/payments/operations/dead-letters/replay", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var queues = await county.GetAsync("/api/relief/operations/queues");
        Assert.Equal(HttpStatusCode.Forbidden, queues.StatusCode);
    }

    [Fact]
    public async Task The_reconcile_now_command_wakes_the_bank_round()
    {
        var result = await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Payments, PlatformServiceExtensions.BankRoundCommand);
        Assert.True(result.Success, result.Message);
        var trail = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/payments/audit?entity=BankRound&action=requested");
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("actorId").GetString() == PlatformIdentity.OperatorClientId);
    }

    [Fact]
    public async Task The_gateways_access_log_names_the_correlation_id_the_services_used()
    {
        // The caller sends none: the gateway makes one, the service keeps it (its logs and messages carry it), the caller gets it back.
        using var response = await platform.Gateway.PostAsJsonAsync("/api/intake/diagnostics/probes", new { note = "correlation" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var correlationId = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        var probeId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("probeId").GetGuid();

        await Eventually.TrueAsync(() => Task.FromResult(platform.LogsOf(ResourceNames.Gateway).Contains($"correlation={correlationId}", StringComparison.Ordinal)),
            "the gateway's access log line of the request");
        var received = await Eventually.GetJsonAsync(platform.Gateway, $"/api/oversight/diagnostics/probes/{probeId}");
        Assert.Equal(correlationId, received.GetProperty("correlationId").GetString());
    }
}
