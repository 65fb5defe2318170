using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 3: temporary-assistance applications (R4, urgent) at a fixed rate; the time from the POST to
/// the payment instructed and to the payment settled by the sandbox bank. The caseworker's grant is
/// made by the harness as soon as it sees the case (it polls open cases every 200 ms), so the figures
/// include that reaction time; the case-opened time is reported separately.
/// </summary>
public static class LatencyScenario
{
    private static long _people;

    /// <summary>How many of these applications have their payment settled by the (sandbox) bank.</summary>
    internal static async Task<long> SettledAsync(NpgsqlDataSource payments, Guid[] applicationIds)
    {
        await using var count = payments.CreateCommand("SELECT count(*) FROM payments WHERE application_id = ANY($1) AND status = 'Settled'");
        count.Parameters.Add(new NpgsqlParameter { Value = applicationIds });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, int rate, TimeSpan duration, TimeSpan timeout)
    {
        const string name = "3 end-to-end latency";
        using var gateway = await platform.ClientAsync(platform.Gateway);
        await BenchFunds.AllocateAsync(gateway, "provincial", "临时救助资金（基准测试）", "temporary-assistance", 100_000_000m);

        ServiceMemory.ResetPeaks();
        var posted = new ConcurrentDictionary<Guid, DateTimeOffset>();
        using var stop = new CancellationTokenSource();
        var grantTimes = new ConcurrentBag<double>();
        var caseworker = GrantOpenCasesAsync(gateway, stop.Token, grantTimes);

        var total = (int)(rate * duration.TotalSeconds);
        Console.WriteLine($"[3] {total:N0} applications at {rate}/s…");
        var started = Stopwatch.GetTimestamp();
        var errors = await PostUrgentApplicationsAsync(gateway, rate, total, (id, at) => posted[id] = at);
        var achievedRate = total / Clock.Seconds(started);

        var payments = await platform.ConnectionStringAsync(ResourceNames.PaymentsDb);
        var relief = await platform.ConnectionStringAsync(ResourceNames.ReliefDb);
        var ids = posted.Keys.ToArray();
        await using var paymentsDb = NpgsqlDataSource.Create(payments);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await SettledAsync(paymentsDb, ids) >= ids.Length)
            {
                break;
            }

            await Task.Delay(500);
        }

        await stop.CancelAsync();
        await caseworker;

        // Each hop apart (issue 22: where the tail comes from): POST → case opened (intake, eligibility, relief),
        // opened → decided (the harness's caseworker, polling every 200 ms), decided → payment instructed (relief, payments).
        var opened = new List<double>();
        var decided = new Dictionary<Guid, DateTimeOffset>();
        var caseworkerReaction = new List<double>();
        await using (var reliefDb = NpgsqlDataSource.Create(relief))
        await using (var query = reliefDb.CreateCommand("SELECT application_id, opened_at, decided_at FROM cases WHERE application_id = ANY($1)"))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var openedAt = reader.GetFieldValue<DateTimeOffset>(1);
                opened.Add((openedAt - posted[reader.GetGuid(0)]).TotalMilliseconds);
                if (!reader.IsDBNull(2))
                {
                    decided[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(2);
                    caseworkerReaction.Add((reader.GetFieldValue<DateTimeOffset>(2) - openedAt).TotalMilliseconds);
                }
            }
        }

        var instructed = new List<double>();
        var decidedToInstructed = new List<double>();
        var settled = new List<double>();
        await using (var query = paymentsDb.CreateCommand("SELECT application_id, created_at, status, updated_at FROM payments WHERE application_id = ANY($1)"))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sent = posted[reader.GetGuid(0)];
                var createdAt = reader.GetFieldValue<DateTimeOffset>(1);
                instructed.Add((createdAt - sent).TotalMilliseconds);
                if (decided.TryGetValue(reader.GetGuid(0), out var decidedAt))
                {
                    decidedToInstructed.Add((createdAt - decidedAt).TotalMilliseconds);
                }

                if (reader.GetString(2) == "Settled")
                {
                    settled.Add((reader.GetFieldValue<DateTimeOffset>(3) - sent).TotalMilliseconds);
                }
            }
        }

        instructed.Sort();
        settled.Sort();
        opened.Sort();
        caseworkerReaction.Sort();
        decidedToInstructed.Sort();
        List<double> grantRequests = [.. grantTimes.Order()];
        var figures = new List<Figure>
        {
            new(name, $"applications posted ({errors} refused)", total, "", null),
            new(name, "achieved rate", achievedRate, "applications/s", rate, "target rate", HigherIsBetter: true),
            new(name, $"case opened p50 (n={opened.Count})", Report.Percentile(opened, 50), "ms"),
            new(name, "case opened p95", Report.Percentile(opened, 95), "ms"),
            new(name, "case opened p99", Report.Percentile(opened, 99), "ms"),
            new(name, $"opened → decided by the harness p50 (n={caseworkerReaction.Count})", Report.Percentile(caseworkerReaction, 50), "ms"),
            new(name, "opened → decided by the harness p99", Report.Percentile(caseworkerReaction, 99), "ms"),
            new(name, $"… of which the grant request p50 (n={grantRequests.Count})", Report.Percentile(grantRequests, 50), "ms"),
            new(name, "… of which the grant request p99", Report.Percentile(grantRequests, 99), "ms"),
            new(name, $"decided → payment instructed p50 (n={decidedToInstructed.Count})", Report.Percentile(decidedToInstructed, 50), "ms"),
            new(name, "decided → payment instructed p99", Report.Percentile(decidedToInstructed, 99), "ms"),
            new(name, $"payment instructed p50 (n={instructed.Count})", Report.Percentile(instructed, 50), "ms"),
            new(name, "payment instructed p95", Report.Percentile(instructed, 95), "ms"),
            new(name, "payment instructed p99", Report.Percentile(instructed, 99), "ms"),
            new(name, $"payment settled p50 (n={settled.Count})", Report.Percentile(settled, 50), "ms"),
            new(name, "payment settled p95", Report.Percentile(settled, 95), "ms"),
            new(name, "payment settled p99", Report.Percentile(settled, 99), "ms"),
        };
        figures.AddRange(ServiceMemory.AsFigures(name));
        return figures;
    }

    /// <summary>
    /// Posts <paramref name="total"/> urgent temporary-assistance applications (R4), one every 1/<paramref name="rate"/> s
    /// on a fixed schedule whatever the answers' pace (an open loop, as a disaster's callers are); each accepted one is
    /// passed to <paramref name="accepted"/> with the time it was sent. Returns the number refused. Every call applies
    /// for new people: a second run on the same platform (the capacity scenario's) must not be refused as duplicates (R20).
    /// </summary>
    internal static async Task<int> PostUrgentApplicationsAsync(HttpClient gateway, int rate, int total, Action<Guid, DateTimeOffset> accepted)
    {
        var first = Interlocked.Add(ref _people, total) - total;
        var started = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        var errors = 0;
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i / (double)rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var person = first + i;
            sends.Add(Task.Run(async () =>
            {
                var at = DateTimeOffset.UtcNow;
                using var response = await gateway.PostAsJsonAsync("/api/intake/applications",
                    IntakeScenario.Application(People.IdNumber(person, salt: 2), People.County(person), "temporary-assistance"));
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    return;
                }

                accepted((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid(), at);
            }));
        }

        await Task.WhenAll(sends);
        return errors;
    }

    /// <summary>
    /// The caseworker: grants every open case at the default multiplier as soon as it appears, oldest first (a first
    /// version read the newest hundred, and in a burst the oldest waited behind every newer one). The list is read every
    /// 200 ms whatever the grants in flight (at most 16 at once); a first version waited for a round's slowest grant
    /// before looking again, and its rounds were most of the POST → instructed tail (issue 22). Each grant request's
    /// time goes to <paramref name="grantTimes"/>, so the platform's part of the caseworker's step is measured apart.
    /// </summary>
    internal static async Task GrantOpenCasesAsync(HttpClient gateway, CancellationToken stop, ConcurrentBag<double>? grantTimes = null)
    {
        var granted = new HashSet<Guid>();
        using var inFlight = new SemaphoreSlim(16);
        var grants = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var open = await gateway.GetFromJsonAsync<JsonElement>("/api/relief/cases?status=open&order=oldest&pageSize=100", stop);
                foreach (var caseId in open.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid()).Where(granted.Add))
                {
                    await inFlight.WaitAsync(stop);
                    grants.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var sent = Stopwatch.GetTimestamp();
                            using var grant = await gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "bench caseworker" }, stop);
                            grantTimes?.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        }
                        finally
                        {
                            inFlight.Release();
                        }
                    }, CancellationToken.None));
                }

                grants.RemoveAll(t => t.IsCompleted);
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        try
        {
            await Task.WhenAll(grants);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
