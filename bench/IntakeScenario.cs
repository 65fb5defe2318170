using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 2: valid applications of distinct people, from <c>concurrency</c> clients for a fixed time,
/// through the gateway with a token. Baselines in the same run: the same requests straight to the
/// intake service (still with the token: the service checks it), and a minimal endpoint that does one
/// Npgsql insert of the request body into the same PostgreSQL.
/// </summary>
public static class IntakeScenario
{
    private static long _person;

    public sealed record Result(double RequestsPerSecond, double P50, double P99, int Errors, int Accepted);

    private sealed record AloneResult(Result Straight, Result Gateway, List<Figure> Cpu, List<Figure> GatewayCpu, double OneInsertBeside);

    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, TimeSpan duration, int concurrency, int statements)
    {
        const string name = "2 intake throughput";
        var intakeDb = await platform.ConnectionStringAsync(ResourceNames.IntakeDb);
        await using var minimal = await MinimalEndpoint.StartAsync(intakeDb);

        using var viaGateway = await platform.ClientAsync(platform.Gateway);
        using var direct = await platform.ClientAsync(platform.Endpoint(ResourceNames.Intake));
        using var bare = await platform.ClientAsync(minimal.Url);

        Console.WriteLine($"[2] minimal one-insert endpoint, {concurrency} clients, {duration.TotalSeconds:0} s…");
        var baseline = await LoadAsync(bare, "/insert", duration, concurrency);
        await platform.DrainAsync(TimeSpan.FromMinutes(5));
        // The services warm up first (issue 22): minutes after a start the JIT still compiles what a message touches
        // (about a fifth of the CPU in a perf profile of the first minutes), which a service running for days has done.
        Console.WriteLine("[2] warming the pipeline up (not measured)…");
        await LoadAsync(direct, "/api/intake/applications", duration, concurrency);
        await platform.DrainAsync(TimeSpan.FromMinutes(5));
        Console.WriteLine("[2] straight to intake…");
        // The whole pipeline's CPU for the applications of this phase, until every consequence is done
        // (assessments, cases, notices, timelines, figures): what one application costs the platform.
        var cpu = ServiceCpu.Snapshot();
        if (statements > 0)
        {
            await Statements.ResetAsync(intakeDb);
        }

        var phaseStarted = Stopwatch.GetTimestamp();
        var straight = await LoadAsync(direct, "/api/intake/applications", duration, concurrency);
        await platform.DrainAsync(TimeSpan.FromMinutes(5));
        var pipelineCpu = ServiceCpu.AsFigures(name, cpu, Clock.Seconds(phaseStarted)).ToList();
        if (statements > 0)
        {
            Console.WriteLine($"[2] the {statements} statements run most often for the {straight.Accepted} applications straight to intake, until drained:");
            await Statements.PrintByCallsAsync(intakeDb, statements, straight.Accepted);
        }

        ServiceMemory.ResetPeaks();
        Console.WriteLine("[2] through the gateway…");
        var gateway = await LoadAsync(viaGateway, "/api/intake/applications", duration, concurrency);
        var peaks = ServiceMemory.AsFigures(name).ToList();
        await platform.DrainAsync(TimeSpan.FromMinutes(5));

        // The front door alone (issue 22, target 2): above, the same two cores also carry every application's
        // consequences (assessment, case, notices, figures: ~23 ms of CPU against intake's few), so intake's rate is
        // what the pipeline leaves it. Here the services that consume intake's events are stopped as an operator
        // stops them: intake still validates, stores, audits and relays every event to RabbitMQ, whose durable
        // queues keep them until the services start again and drain them.
        string[] consumers = [.. ResourceNames.Services.Select(s => s.Service).Where(s => s != ResourceNames.Intake)];
        Console.WriteLine("[2] the front door alone (the consuming services stopped), straight to intake…");
        await platform.StopServicesAsync(consumers);
        AloneResult alone;
        try
        {
            // The one-insert endpoint again, right before and after these phases (issue 22): measured at the scenario's start,
            // a minute after the platform started, it shared the cores with the services' JIT and ran 27–32 % slower than
            // beside the phase it is compared with (docs/benchmarks.md).
            var insertBefore = await LoadAsync(bare, "/insert", duration, concurrency);
            var aloneCpu = ServiceCpu.Snapshot();
            var aloneStarted = Stopwatch.GetTimestamp();
            var straightAlone = await LoadAsync(direct, "/api/intake/applications", duration, concurrency);
            var aloneCpuFigures = ServiceCpu.AsFigures(name, aloneCpu, Clock.Seconds(aloneStarted)).ToList();
            Console.WriteLine("[2] the front door alone, through the gateway…");
            var gatewayCpu = ServiceCpu.Snapshot();
            var gatewayStarted = Stopwatch.GetTimestamp();
            var gatewayAlone = await LoadAsync(viaGateway, "/api/intake/applications", duration, concurrency);
            var gatewayCpuFigures = ServiceCpu.AsFigures(name, gatewayCpu, Clock.Seconds(gatewayStarted)).ToList();
            var insertAfter = await LoadAsync(bare, "/insert", duration, concurrency);
            Console.WriteLine($"[2] the one-insert endpoint beside the front door alone: {insertBefore.RequestsPerSecond:N0}/s before, {insertAfter.RequestsPerSecond:N0}/s after");
            alone = new AloneResult(straightAlone, gatewayAlone, aloneCpuFigures, gatewayCpuFigures, (insertBefore.RequestsPerSecond + insertAfter.RequestsPerSecond) / 2);
        }
        finally
        {
            Console.WriteLine("[2] starting the consuming services again; they drain what waited…");
            await platform.StartServicesAsync(consumers);
        }

        await platform.DrainAsync(TimeSpan.FromMinutes(15));

        var figures = new List<Figure>
        {
            new(name, "through the gateway", gateway.RequestsPerSecond, "req/s", straight.RequestsPerSecond, "straight to intake", HigherIsBetter: true),
            new(name, "through the gateway", gateway.RequestsPerSecond, "req/s", baseline.RequestsPerSecond, "one-insert endpoint", HigherIsBetter: true),
            new(name, "straight to intake", straight.RequestsPerSecond, "req/s", baseline.RequestsPerSecond, "one-insert endpoint", HigherIsBetter: true),
            new(name, "gateway p50", gateway.P50, "ms", straight.P50, "intake p50"),
            new(name, "gateway p99", gateway.P99, "ms", straight.P99, "intake p99"),
            new(name, "intake p50", straight.P50, "ms", baseline.P50, "one-insert p50"),
            new(name, "intake p99", straight.P99, "ms", baseline.P99, "one-insert p99"),
            new(name, "errors (gateway / intake / insert)", gateway.Errors + straight.Errors + baseline.Errors, "requests"),
        };
        // Warm-up requests (3 s) were accepted too; they are counted with the measured ones.
        var applications = straight.Accepted;
        var cpuSeconds = pipelineCpu.Sum(f => f.Value);
        figures.Add(new(name, "pipeline CPU per application (all parts, until drained)", cpuSeconds * 1000 / Math.Max(1, applications), "ms",
            1000.0 / Math.Max(1, baseline.RequestsPerSecond) * Environment.ProcessorCount, "one-insert endpoint's CPU share per request"));
        figures.Add(new(name, "rate two cores can carry at that cost", Environment.ProcessorCount / Math.Max(1e-6, cpuSeconds / Math.Max(1, applications)), "applications/s",
            baseline.RequestsPerSecond, "one-insert endpoint", HigherIsBetter: true));
        figures.AddRange(pipelineCpu.Select(f => f with { Measure = $"{f.Measure} (straight phase until drained)" }));
        figures.AddRange(peaks);

        figures.Add(new(name, "front door alone: straight to intake", alone.Straight.RequestsPerSecond, "req/s", alone.OneInsertBeside, "one-insert endpoint beside it (mean of before and after)", HigherIsBetter: true));
        figures.Add(new(name, "front door alone: straight to intake", alone.Straight.RequestsPerSecond, "req/s", baseline.RequestsPerSecond, "one-insert endpoint at the scenario's start", HigherIsBetter: true));
        figures.Add(new(name, "front door alone: through the gateway", alone.Gateway.RequestsPerSecond, "req/s", alone.Straight.RequestsPerSecond, "straight to intake alone", HigherIsBetter: true));
        figures.Add(new(name, "front door alone: intake p50", alone.Straight.P50, "ms", baseline.P50, "one-insert p50"));
        figures.Add(new(name, "front door alone: intake p99", alone.Straight.P99, "ms", baseline.P99, "one-insert p99"));
        figures.Add(new(name, "front door alone: errors (intake / gateway)", alone.Straight.Errors + alone.Gateway.Errors, "requests"));
        // Its warm-up's requests were accepted in the same CPU window: counted with the measured ones.
        var aloneRequests = alone.Straight.Accepted;
        IEnumerable<Figure> PerRequest(List<Figure> cpu, int requests, string phase) => cpu.Where(f => f.Value > 0.05).Select(f => f with
        {
            Measure = $"{f.Measure} per request, front door alone {phase}", Value = f.Value * 1000 / Math.Max(1, requests), Unit = "ms",
            Baseline = 1000.0 / Math.Max(1, alone.OneInsertBeside) * Environment.ProcessorCount, BaselineName = "one-insert endpoint's CPU share per request",
        });
        figures.AddRange(PerRequest(alone.Cpu, aloneRequests, "straight"));
        figures.AddRange(PerRequest(alone.GatewayCpu, alone.Gateway.Accepted, "through the gateway"));
        return figures;
    }

    /// <summary>The floor alone: the one-insert endpoint's rate in this run (the capacity scenario's baseline).</summary>
    public static async Task<double> OneInsertRateAsync(BenchPlatform platform, TimeSpan duration, int concurrency)
    {
        await using var minimal = await MinimalEndpoint.StartAsync(await platform.ConnectionStringAsync(ResourceNames.IntakeDb));
        using var bare = await platform.ClientAsync(minimal.Url);
        return (await LoadAsync(bare, "/insert", duration, concurrency)).RequestsPerSecond;
    }

    private static async Task<Result> LoadAsync(HttpClient client, string path, TimeSpan duration, int concurrency)
    {
        // A short warm-up (connections, JIT) that is not counted in the rate.
        var warmUp = new List<double>[concurrency];
        await RunClientsAsync(client, path, TimeSpan.FromSeconds(3), concurrency, warmUp);
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        errors = await RunClientsAsync(client, path, duration, concurrency, latencies);
        var seconds = Clock.Seconds(started);
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(all.Count / seconds, Report.Percentile(all, 50), Report.Percentile(all, 99), errors, all.Count + warmUp.Sum(w => w?.Count ?? 0));
    }

    private static async Task<int> RunClientsAsync(HttpClient client, string path, TimeSpan duration, int concurrency, List<double>[]? latencies)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>();
            if (latencies is not null)
            {
                latencies[worker] = mine;
            }

            while (Stopwatch.GetTimestamp() < until)
            {
                var person = Interlocked.Increment(ref _person);
                var body = Application(People.IdNumber(person, salt: 1), People.County(person));
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync(path, body);
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created)
                {
                    mine.Add(elapsed);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return errors;
    }

    /// <summary>A one-member dibao application as a county window sends it.</summary>
    public static object Application(string idNumber, string county, string scheme = "dibao") => new
    {
        applicant = new { idNumber, name = "申请人", phone = People.Phone(idNumber) },
        members = new[]
        {
            new { idNumber, name = "申请人", relation = "self", employmentStatus = scheme == "dibao" ? "employed" : "unemployed", workCounty = scheme == "dibao" ? county : null,
                  monthlyIncomes = scheme == "dibao" ? new[] { new { source = "wage", amount = 500.00m } } : [] },
        },
        hukouCounty = county,
        residenceCounty = county,
        areaType = "urban",
        scheme,
        temporaryAssistanceKind = scheme == "temporary-assistance" ? "uninsured-unemployed" : null,
        channel = "walk-in",
        circumstances = new { monthsWithoutIncome = scheme == "dibao" ? 0 : 3, urgent = scheme != "dibao" },
        authorization = new { signedBy = "申请人", signedAt = DateTimeOffset.UtcNow.AddDays(-1), method = "paper-scan", reference = "scan-bench" },
    };

    /// <summary>The floor: Kestrel receiving the same request and doing one Npgsql insert of its body.</summary>
    private sealed class MinimalEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly NpgsqlDataSource _source;

        private MinimalEndpoint(WebApplication app, NpgsqlDataSource source, Uri url) => (_app, _source, Url) = (app, source, url);

        public Uri Url { get; }

        public static async Task<MinimalEndpoint> StartAsync(string connectionString)
        {
            var source = NpgsqlDataSource.Create(connectionString);
            await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS bench_minimal (id uuid PRIMARY KEY, body jsonb NOT NULL, received_at timestamptz NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/insert", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                await using var insert = source.CreateCommand("INSERT INTO bench_minimal (id, body, received_at) VALUES ($1, $2::jsonb, now())");
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                insert.Parameters.Add(new NpgsqlParameter { Value = body });
                await insert.ExecuteNonQueryAsync();
                return Results.Accepted();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new MinimalEndpoint(app, source, new Uri(address));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _source.DisposeAsync();
        }
    }
}
