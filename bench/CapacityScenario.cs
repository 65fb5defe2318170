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
/// posted whose payment is not yet settled by the sandbox bank — grows from the step's tenth second on by at most 5 % of
/// the arrivals (its least-squares slope; batches settling in chunks make the raw figure saw-toothed): the
/// pipeline (apply → case → grant → payment instructed → batched → settled) keeps up. The highest sustained rate is
/// reported beside the one-insert endpoint's rate measured in the same run; then the latency scenario runs at half
/// that rate for the POST → payment instructed percentiles.
/// </summary>
public static class CapacityScenario
{
    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, IReadOnlyList<int> rates, TimeSpan step, TimeSpan warmUp, TimeSpan timeout, int statements)
    {
        const string name = "6 capacity under a surge";
        var oneInsert = await IntakeScenario.OneInsertRateAsync(platform, TimeSpan.FromSeconds(20), 32);
        Console.WriteLine($"[6] one-insert endpoint: {oneInsert:0} requests/s");
        await platform.DrainAsync(TimeSpan.FromMinutes(5));

        using var gateway = await platform.ClientAsync(platform.Gateway);
        await BenchFunds.AllocateAsync(gateway, "provincial", "临时救助资金（容量测试）", "temporary-assistance", 1_000_000_000m);
        var paymentsDb = await platform.ConnectionStringAsync(ResourceNames.PaymentsDb);
        await using var payments = NpgsqlDataSource.Create(paymentsDb);
        await using var relief = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.ReliefDb));
        var posted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var caseworker = LatencyScenario.GrantOpenCasesAsync(gateway, stop.Token);
        var errors = 0;
        var sustained = 0;
        var figures = new List<Figure>();
        try
        {
            // A warm-up, not judged: after a start every service's tiered JIT compiles (and with dynamic PGO first
            // instruments) what a message touches; on two busy cores its background compiler needed ~160 s at 25/s to
            // settle, and until then the services spent ~40 % more CPU per application (docs/benchmarks.md, 2026-12-07,
            // "the JIT's warm-up"). A service that runs for days is warm, and a surge meets it warm; the services' CPU per
            // application in each half minute is printed, so a run shows whether its warm-up was long enough.
            var warmUpRate = Math.Max(1, rates[0] / 2);
            Console.WriteLine($"[6] warming up at {warmUpRate} applications/s for {warmUp.TotalSeconds:0} s (not judged)…");
            var window = TimeSpan.FromSeconds(30);
            var perWindow = new List<string>();
            for (var warmed = TimeSpan.Zero; warmed < warmUp; warmed += window)
            {
                var length = warmUp - warmed < window ? warmUp - warmed : window;
                var count = (int)(warmUpRate * length.TotalSeconds);
                var servicesBefore = ServiceCpu.Snapshot();
                errors += await LatencyScenario.PostUrgentApplicationsAsync(gateway, warmUpRate, count, (_, _) => { });
                var services = ServiceCpu.Snapshot().Where(p => PlatformProcesses.Services.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
                    .Sum(p => p.Value - servicesBefore.GetValueOrDefault(p.Key));
                perWindow.Add($"{services * 1000 / Math.Max(1, count):0.0}");
            }

            Console.WriteLine($"[6] the services' CPU per application in each half minute of the warm-up (ms): {string.Join(" → ", perWindow)}");
            await platform.DrainAsync(timeout);

            // What an urgent application costs the whole platform (every process, until its consequences are done; the
            // harness's caseworker grants through the gateway, as a person would): the figure target 1 turns on.
            // (pg_stat_statements counts the whole cluster: any database of it serves.)
            if (statements > 0)
            {
                await Statements.ResetAsync(paymentsDb);
            }

            var cpuBefore = ServiceCpu.Snapshot();
            var cpuStarted = Stopwatch.GetTimestamp();
            foreach (var rate in rates)
            {
                Console.WriteLine($"[6] {rate} applications/s for {step.TotalSeconds:0} s…");
                var started = Stopwatch.GetTimestamp();
                var total = (int)(rate * step.TotalSeconds);
                // The backlog sampled every 2 s after the step's first sixth (its tenth second), by a sampler beside the sender. Payments
                // settle in the bank's rounds, so the backlog is saw-toothed: five samples of the second half gave trends of
                // +1.4/s to a pipeline that kept up at 20/s (its backlog 26 → 74, 43 of it waiting for the bank's round).
                var samples = new ConcurrentQueue<(double Seconds, long Backlog)>();
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    await Task.Delay(step / 6, sampling.Token);
                    while (!sampling.IsCancellationRequested)
                    {
                        samples.Enqueue((Clock.Seconds(started), await BacklogAsync(payments, posted)));
                        await Task.Delay(TimeSpan.FromSeconds(2), sampling.Token);
                    }
                });
                errors += await LatencyScenario.PostUrgentApplicationsAsync(gateway, rate, total, (id, _) => posted.Add(id));
                var achieved = total / Clock.Seconds(started);
                await sampling.CancelAsync();
                try
                {
                    await sampler;
                }
                catch (OperationCanceledException)
                {
                }

                // Kept up: the backlog's trend over the step (least squares over the samples) grows by at most
                // 5 % of the arrivals; a pipeline behind its arrivals shows a steady slope, batches settling in chunks only noise.
                var growth = Slope([.. samples]);
                var keptUp = growth <= rate * 0.05 && achieved >= rate * 0.95;
                Console.WriteLine($"[6] {rate}/s (achieved {achieved:0.0}): backlog {string.Join(" → ", samples.Select(x => x.Backlog))}, "
                    + $"growing {growth:0.0}/s — {(keptUp ? "kept up" : "falling behind")}; {await StagesAsync(relief, payments, [.. posted])}");
                figures.Add(new(name, $"backlog growth at {rate}/s (the step after its first sixth)", growth, "applications/s", rate, "arrivals"));
                if (!keptUp)
                {
                    break;
                }

                sustained = rate;
            }

            // The caseworker keeps granting while the backlog drains: a case it left open would stand first in the
            // next caseworker's queue (oldest first) and hold the latency scenario's cases behind it.
            Console.WriteLine($"[6] highest sustained rate {sustained}/s; letting the backlog drain…");
            await platform.DrainAsync(timeout);
            var cpu = ServiceCpu.AsFigures(name, cpuBefore, Clock.Seconds(cpuStarted)).ToList();
            var applications = Math.Max(1, posted.Count);
            var perApplication = cpu.Sum(f => f.Value) * 1000 / applications;
            Console.WriteLine($"[6] CPU per urgent application over the steps until drained ({posted.Count} applications): {perApplication:0.0} ms — "
                + string.Join(", ", cpu.Select(f => $"{f.Measure[4..]} {f.Value * 1000 / applications:0.0}")));
            figures.Add(new(name, "pipeline CPU per urgent application (all parts, steps until drained)", perApplication, "ms"));
            figures.AddRange(cpu.Select(f => f with { Measure = $"{f.Measure} (steps until drained)" }));
            if (statements > 0)
            {
                Console.WriteLine($"[6] the {statements} statements run most often for the {posted.Count} urgent applications, until drained:");
                await Statements.PrintByCallsAsync(paymentsDb, statements, applications);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await caseworker;
        }

        // The one-insert endpoint again once the backlog drained, on a warm and quiet platform (issue 22): at a scenario's
        // start the freshly started services' JIT may still share the cores with it (in the intake scenario it ran 27–32 %
        // slower there than beside the phase it is compared with).
        var oneInsertWarm = await IntakeScenario.OneInsertRateAsync(platform, TimeSpan.FromSeconds(20), 32);
        Console.WriteLine($"[6] one-insert endpoint after the steps drained: {oneInsertWarm:0} requests/s (at the start {oneInsert:0})");
        figures.Add(new(name, $"highest sustained rate ({errors} refused)", sustained, "applications/s", oneInsertWarm, "one-insert endpoint after the steps drained", HigherIsBetter: true));
        figures.Add(new(name, $"highest sustained rate ({errors} refused)", sustained, "applications/s", oneInsert, "one-insert endpoint at the start", HigherIsBetter: true));
        figures.Add(new(name, "target: 3 % of the one-insert endpoint after the steps", oneInsertWarm * 0.03, "applications/s"));
        if (sustained >= 2)
        {
            Console.WriteLine($"[6] latency at half that rate ({sustained / 2}/s)…");
            var latency = await LatencyScenario.RunAsync(platform, sustained / 2, step, timeout);
            figures.AddRange(latency.Where(f => f.Measure.StartsWith("payment instructed", StringComparison.Ordinal) || f.Measure.StartsWith("achieved", StringComparison.Ordinal)
                    || f.Measure.StartsWith("case opened", StringComparison.Ordinal) || f.Measure.StartsWith("opened →", StringComparison.Ordinal) || f.Measure.StartsWith("decided →", StringComparison.Ordinal)
                    || f.Measure.StartsWith("… of which", StringComparison.Ordinal))
                .Select(f => f with { Scenario = name, Measure = $"at half capacity: {f.Measure}" }));
        }

        return figures;
    }

    private static double Slope(IReadOnlyList<(double X, long Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => (double)p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }

    /// <summary>Where the backlog waits at the end of a step: the stage that grows is the one that does not keep up.</summary>
    private static async Task<string> StagesAsync(NpgsqlDataSource relief, NpgsqlDataSource payments, Guid[] ids)
    {
        await using var cases = relief.CreateCommand("SELECT count(*), count(decided_at) FROM cases WHERE application_id = ANY($1)");
        cases.Parameters.Add(new NpgsqlParameter { Value = ids });
        long opened, decided;
        await using (var reader = await cases.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (opened, decided) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await using var instructed = payments.CreateCommand("SELECT count(*), count(*) FILTER (WHERE status = 'Settled') FROM payments WHERE application_id = ANY($1)");
        instructed.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var rows = await instructed.ExecuteReaderAsync();
        await rows.ReadAsync();
        var (paid, settled) = (rows.GetInt64(0), rows.GetInt64(1));
        return $"waiting for a case {ids.Length - opened}, for the caseworker {opened - decided}, for the payment {decided - paid}, for the bank {paid - settled}";
    }

    /// <summary>Applications posted whose payment is not settled yet.</summary>
    private static async Task<long> BacklogAsync(NpgsqlDataSource payments, ConcurrentBag<Guid> posted)
    {
        var ids = posted.ToArray();
        return ids.Length - await LatencyScenario.SettledAsync(payments, ids);
    }
}
