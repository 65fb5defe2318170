using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Chaos;

/// <summary>
/// The checks outside testing ran by hand, kept in the suite (issue 14): a service killed with -9
/// mid-flow, RabbitMQ paused for 30 s mid-flow, a service stopped by an operator. Afterwards every
/// application is in its final state and every payment and notice exists exactly once. These tests
/// break the platform they run on, so they have one of their own.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_service_killed_mid_flow_is_started_again_and_nothing_is_lost_or_doubled()
    {
        const string county = "361127";
        await FundAsync(county);
        var flow = Enumerable.Range(0, 30).Select(_ => SubmitAndGrantAsync(county)).ToList();
        // Mid-flow: some applications are through, others in queues and outboxes.
        await Task.Delay(TimeSpan.FromSeconds(2));
        // kill -9 the service: the process the orchestrator started (dotnet run) and the service it runs.
        var killed = Pid(ResourceNames.Notification);
        Signal(ProcessTree(killed), "KILL");

        // The AppHost starts it again (a new process), and it serves.
        await Eventually.TrueAsync(async () => await Task.FromResult(TryPid(ResourceNames.Notification) is { } pid && pid != killed), "notification to be started again", TimeSpan.FromMinutes(2));
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Notification).WaitAsync(TimeSpan.FromMinutes(2));

        var applications = await Task.WhenAll(flow);
        await AssertExactlyOnceAsync(applications);
    }

    [Fact]
    public async Task RabbitMQ_paused_for_30_seconds_mid_flow_is_reported_by_health_and_afterwards_nothing_is_lost_or_doubled()
    {
        const string county = "361128";
        await FundAsync(county);
        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SubmitAndGrantAsync(county)));

        var broker = ProcessTree(Pid(ResourceNames.Messaging));
        Signal(broker, "STOP");
        try
        {
            // Applications keep being accepted (they wait in intake's outbox) while the broker is paused.
            var submitted = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SubmitAsync(county)));
            using var intake = platform.App.CreateHttpClient(ResourceNames.Intake);
            await Eventually.TrueAsync(async () =>
            {
                using var health = await intake.GetAsync("/health");
                return health.StatusCode == HttpStatusCode.ServiceUnavailable;
            }, "intake's /health to report the paused broker", TimeSpan.FromSeconds(30));
            using (var alive = await intake.GetAsync("/alive"))
            {
                Assert.Equal(HttpStatusCode.OK, alive.StatusCode); // liveness is about the process only
            }

            await Task.Delay(TimeSpan.FromSeconds(20));
            Signal(broker, "CONT");
            var second = await Task.WhenAll(submitted.Select(GrantAsync));
            await AssertExactlyOnceAsync([.. first, .. second]);
        }
        finally
        {
            Signal(broker, "CONT");
        }

        using var healthy = platform.App.CreateHttpClient(ResourceNames.Intake);
        await Eventually.TrueAsync(async () => (await healthy.GetAsync("/health")).IsSuccessStatusCode, "intake healthy again");
    }

    [Fact]
    public async Task A_service_an_operator_stopped_is_answered_503_with_retry_after_by_the_gateway_and_stays_stopped()
    {
        await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Eligibility, KnownResourceCommands.StopCommand);
        try
        {
            await platform.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Eligibility, KnownResourceStates.TerminalStates);
            // Until the gateway's probes have found it down, a call may still wait on the dead address: those are cut short here.
            var refused = await Eventually.ReturnsAsync(async () =>
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    using var response = await Gateway.GetAsync("/api/eligibility/policies/standards", wait.Token);
                    return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync(wait.Token));
                }
                catch (OperationCanceledException)
                {
                    return (HttpStatusCode.RequestTimeout, null, "");
                }
            }, r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "the gateway to know eligibility is down", TimeSpan.FromSeconds(60));
            Assert.NotNull(refused.Delta);
            Assert.Contains("service_unavailable", refused.Item3, StringComparison.Ordinal);

            // Stopped by an operator: the supervisor leaves it stopped.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.True(platform.App.ResourceNotifications.TryGetCurrentState(ResourceNames.Eligibility, out var state));
            Assert.Contains(state.Snapshot.State?.Text, KnownResourceStates.TerminalStates);
        }
        finally
        {
            await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Eligibility, KnownResourceCommands.StartCommand);
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Eligibility).WaitAsync(TimeSpan.FromMinutes(2));
        }

        await Eventually.TrueAsync(async () =>
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                using var response = await Gateway.GetAsync("/api/eligibility/policies/standards", wait.Token);
                return response.IsSuccessStatusCode;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }, "the gateway to route to eligibility again");
    }

    private async Task FundAsync(string county)
    {
        using var fund = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "故障测试资金", purposes = new[] { "temporary-assistance" } });
        var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
        using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county, amount = 10_000_000m, weighting = "故障测试", allocatedBy = "省财政厅" });
        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
    }

    private sealed record Submitted(Guid ApplicationId, string IdNumber);

    private async Task<Submitted> SubmitAsync(string county)
    {
        var idNumber = TestIds.New(county);
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(idNumber, county));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return new Submitted((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid(), idNumber);
    }

    private async Task<Submitted> GrantAsync(Submitted application)
    {
        var cases = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={application.ApplicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case", TimeSpan.FromMinutes(2));
        var caseId = cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();
        using var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "救助站" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        return application;
    }

    private async Task<Submitted> SubmitAndGrantAsync(string county) => await GrantAsync(await SubmitAsync(county));

    /// <summary>Every application closed after its payment; one payment per application; one "paid" notice per applicant and channel.</summary>
    private async Task AssertExactlyOnceAsync(IReadOnlyList<Submitted> applications)
    {
        foreach (var application in applications)
        {
            var closed = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{application.ApplicationId}"),
                a => a.GetProperty("status").GetString() == "closed", $"application {application.ApplicationId} to close", TimeSpan.FromMinutes(3));
            Assert.Single(closed.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("stage").GetString() == "paid");

            var payments = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?applicationId={application.ApplicationId}");
            Assert.Equal(1, payments.GetProperty("total").GetInt32());

            var inbox = await Eventually.ReturnsAsync(
                async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/inbox?idNumber={application.IdNumber}&pageSize=100"),
                i => i.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("eventType").GetString() == "payment.settled"),
                "the payment notice", TimeSpan.FromMinutes(2));
            Assert.Single(inbox.GetProperty("items").EnumerateArray(), m => m.GetProperty("eventType").GetString() == "payment.settled");
        }
    }

    private int Pid(string resource) => TryPid(resource) ?? throw new InvalidOperationException($"{resource} has no process id.");

    private int? TryPid(string resource) =>
        platform.App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.State?.Text == KnownResourceStates.Running
        && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    /// <summary>A process and all its descendants (the broker's script starts the Erlang VM as a child).</summary>
    private static List<int> ProcessTree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // gone meanwhile
                }
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    private static void Signal(IEnumerable<int> pids, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        kill.WaitForExit();
    }
}

[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "chaos";
}
