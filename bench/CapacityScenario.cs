using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 6 (issue 22): the capacity of the whole pipeline under a disaster's wave. Urgent temporary-assistance
/// applications (R4, R9) are posted at a rising rate, <c>--capacity-step</c> seconds a rate (60 by default); the
/// harness plays the caseworker and grants each case as it opens. A rate is sustained when the backlog — applications
/// posted whose payment is not yet settled by the sandbox bank — does not grow over the step's second half: the
/// pipeline (apply → case → grant → payment instructed → batched → settled) keeps up. The highest sustained rate is
/// reported beside the one-insert endpoint's rate measured in the same run; then the latency scenario runs at half
/// that rate for the POST → payment instructed percentiles.
/// </summary>
public static class CapacityScenario
{
    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, IReadOnlyList<int> rates, TimeSpan step, TimeSpan timeout)
    {
        const string name = "6 capacity under a surge";
        var oneInsert = await IntakeScenario.OneInsertRateAsync(platform, TimeSpan.FromSeconds(20), 32);
        Console.WriteLine($"[6] one-insert endpoint: {oneInsert:0} requests/s");
        await platform.DrainAsync(TimeSpan.FromMinutes(5));

        using var gateway = await platform.ClientAsync(platform.Gateway);
        await BenchFunds.AllocateAsync(gateway, "provincial", "临时救助资金（容量测试）", "temporary-assistance", 1_000_000_000m);
        await using var payments = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.PaymentsDb));
        var posted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var caseworker = LatencyScenario.GrantOpenCasesAsync(gateway, stop.Token);
        var errors = 0;
        var sustained = 0;
        var person = 5_000_000L;
        var figures = new List<Figure>();
        try
        {
            foreach (var rate in rates)
            {
                Console.WriteLine($"[6] {rate} applications/s for {step.TotalSeconds:0} s…");
                var started = Stopwatch.GetTimestamp();
                var sends = new List<Task>();
                var total = (int)(rate * step.TotalSeconds);
                var backlogAtHalf = -1L;
                for (var i = 0; i < total; i++)
                {
                    var due = started + (long)(i / (double)rate * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    if (i == total / 2)
                    {
                        backlogAtHalf = await BacklogAsync(payments, posted);
                    }

                    var id = Interlocked.Increment(ref person);
                    sends.Add(Task.Run(async () =>
                    {
                        using var response = await gateway.PostAsJsonAsync("/api/intake/applications",
                            IntakeScenario.Application(People.IdNumber(id, salt: 6), People.County(id), "temporary-assistance"));
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                            return;
                        }

                        posted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid());
                    }));
                }

                await Task.WhenAll(sends);
                var achieved = total / Clock.Seconds(started);
                var backlogAtEnd = await BacklogAsync(payments, posted);
                // Not growing: at the end no more than at half time, give or take five seconds of this rate in flight.
                var keptUp = backlogAtEnd <= backlogAtHalf + rate * 5 && achieved >= rate * 0.95;
                Console.WriteLine($"[6] {rate}/s (achieved {achieved:0.0}): backlog {backlogAtHalf:N0} at half time, {backlogAtEnd:N0} at the end — {(keptUp ? "kept up" : "falling behind")}");
                figures.Add(new(name, $"backlog at {rate}/s: half time → end of the step", backlogAtEnd, "applications", backlogAtHalf, "at half time"));
                if (!keptUp)
                {
                    break;
                }

                sustained = rate;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await caseworker;
        }

        Console.WriteLine($"[6] highest sustained rate {sustained}/s; letting the backlog drain…");
        await platform.DrainAsync(timeout);
        figures.Add(new(name, $"highest sustained rate ({errors} refused)", sustained, "applications/s", oneInsert, "one-insert endpoint", HigherIsBetter: true));
        figures.Add(new(name, "target: 3 % of the one-insert endpoint", oneInsert * 0.03, "applications/s"));
        if (sustained >= 2)
        {
            Console.WriteLine($"[6] latency at half that rate ({sustained / 2}/s)…");
            var latency = await LatencyScenario.RunAsync(platform, sustained / 2, step, timeout);
            figures.AddRange(latency.Where(f => f.Measure.StartsWith("payment instructed", StringComparison.Ordinal) || f.Measure.StartsWith("achieved", StringComparison.Ordinal))
                .Select(f => f with { Scenario = name, Measure = $"at half capacity: {f.Measure}" }));
        }

        return figures;
    }

    /// <summary>Applications posted whose payment is not settled yet.</summary>
    private static async Task<long> BacklogAsync(NpgsqlDataSource payments, ConcurrentBag<Guid> posted)
    {
        var ids = posted.ToArray();
        await using var count = payments.CreateCommand("SELECT count(*) FROM payments WHERE application_id = ANY($1) AND status = 'Settled'");
        count.Parameters.Add(new NpgsqlParameter { Value = ids });
        return ids.Length - (long)(await count.ExecuteScalarAsync())!;
    }
}
