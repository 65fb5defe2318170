using System.Globalization;
using ReliefPlatform.Bench;

// dotnet run -c Release --project bench -- [--scenarios campaign,intake,latency,monitoring] [--n 1000000]
//   [--duration 20] [--concurrency 32] [--rate 100] [--latency-duration 30] [--roster 1000000] [--feed 100000] [--timeout 3600] [--statements 20]
//   [--process-memory-mb 256]  (each service as in a container of that memory: the GC keeps its heap within 75 %)
//   [--service-settings Database:MaxAutoPrepare=0,…]  (given to every service: to compare one setting against the defaults)
//   --scenarios capacity [--capacity-rates 10,20,30,40,50,60,80,100,150,200] [--capacity-step 60] [--capacity-warmup 180] [--statements 40]
//     (issue 22: the highest rate of urgent applications the whole pipeline keeps up with, then the latency at half of it)
//   --scenarios growth [--growth-per-year 20000000] [--growth-copies growth_plain,growth_monthly]
//     (issue 23: hot payment queries on one year and on three; not in the default list: it seeds 2 × 3 years, ~60 GB at full size)
var options = Options.Parse(args);
Console.WriteLine($"ReliefPlatform benchmarks on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; starting the platform…");
// Issue 22: the start, from the AppHost's start to every resource healthy (PostgreSQL, RabbitMQ, Redis, the services, the gateway).
var started = System.Diagnostics.Stopwatch.StartNew();
await using var platform = await BenchPlatform.StartAsync(options.ProcessMemoryMb, options.ServiceSettings);
var figures = new List<Figure> { new("start", "platform start to all healthy (built tree)", started.Elapsed.TotalSeconds, "s", 30, "target") };
Console.WriteLine($"[start] all healthy after {started.Elapsed.TotalSeconds:0.0} s{(options.ProcessMemoryMb > 0 ? $", each process as in a container of {options.ProcessMemoryMb} MB" : "")}");
foreach (var scenario in options.Scenarios)
{
    try
    {
        // Each scenario starts on an idle platform: the previous one's background work has drained.
        Console.WriteLine($"[{scenario}] waiting for the platform to be idle…");
        await platform.DrainAsync(TimeSpan.FromMinutes(10));
        figures.AddRange(scenario switch
        {
            "campaign" => await CampaignScenario.RunAsync(platform, options.N, options.Timeout, options.Statements),
            "intake" => await IntakeScenario.RunAsync(platform, options.Duration, options.Concurrency, options.Statements),
            "latency" => await LatencyScenario.RunAsync(platform, options.Rate, options.LatencyDuration, options.Timeout),
            "monitoring" => await MonitoringScenario.RunAsync(platform, options.Roster, options.Feed),
            "capacity" => await CapacityScenario.RunAsync(platform, options.CapacityRates, TimeSpan.FromSeconds(options.CapacityStep), TimeSpan.FromSeconds(options.CapacityWarmUp), options.Timeout, options.Statements),
            "growth" => await GrowthScenario.RunAsync(platform, options.GrowthPerYear, options.GrowthCopies),
            _ => throw new ArgumentException($"Unknown scenario {scenario}: campaign, intake, latency, monitoring, capacity, growth."),
        });
    }
    catch (Exception exception) when (exception is not ArgumentException)
    {
        Console.Error.WriteLine($"Scenario {scenario} failed: {exception}");
        figures.Add(new Figure(scenario, "FAILED: " + exception.GetType().Name + ": " + exception.Message.ReplaceLineEndings(" "), double.NaN, ""));
    }

    Console.WriteLine(Report.Table(figures));
}

Console.WriteLine();
Console.WriteLine($"Results ({Environment.ProcessorCount} cores; the ratio column is how many times the baseline measured in this run):");
Console.WriteLine(Report.Table(figures));
return 0;

internal sealed record Options(string[] Scenarios, int N, TimeSpan Duration, int Concurrency, int Rate, TimeSpan LatencyDuration, int Roster, int Feed, TimeSpan Timeout, int Statements, int ProcessMemoryMb, int GrowthPerYear, string[] GrowthCopies, int[] CapacityRates, int CapacityStep, int CapacityWarmUp, string[] ServiceSettings)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, $"--{name}");
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new Options(
            Value("scenarios", "campaign,intake,latency,monitoring").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Number("n", 1_000_000),
            TimeSpan.FromSeconds(Number("duration", 20)),
            Number("concurrency", 32),
            Number("rate", 100),
            TimeSpan.FromSeconds(Number("latency-duration", 30)),
            Number("roster", 1_000_000),
            Number("feed", 100_000),
            TimeSpan.FromSeconds(Number("timeout", 3600)),
            Number("statements", 0),
            Number("process-memory-mb", 0),
            Number("growth-per-year", 20_000_000),
            Value("growth-copies", "growth_plain,growth_monthly").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            [.. Value("capacity-rates", "10,20,30,40,50,60,80,100,150,200").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture))],
            Number("capacity-step", 60),
            Number("capacity-warmup", 180),
            [.. Value("service-settings", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Contains('=', StringComparison.Ordinal))]);
    }
}
