using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ReliefPlatform.Bench;

/// <summary>One line of the results table: a figure beside its same-run baseline.</summary>
public sealed record Figure(string Scenario, string Measure, double Value, string Unit, double? Baseline = null, string? BaselineName = null, bool HigherIsBetter = false)
{
    /// <summary>How many times worse than the baseline (1.0 = as good as the hardware's own limit).</summary>
    public double? Ratio => Baseline is { } b && b > 0 && Value > 0 ? (HigherIsBetter ? b / Value : Value / b) : null;
}

public static class Report
{
    public static string Table(IReadOnlyList<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| scenario | measure | value | baseline (same run) | × baseline |");
        text.AppendLine("|---|---|---:|---|---:|");
        foreach (var f in figures)
        {
            var baseline = f.Baseline is { } b ? $"{Format(b)} {f.Unit} ({f.BaselineName})" : "";
            var ratio = f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Scenario} | {f.Measure} | {Format(f.Value)} {f.Unit} | {baseline} | {ratio} |");
        }

        return text.ToString();
    }

    public static string Format(double value) =>
        value >= 100 ? value.ToString("#,##0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// The platform's processes on this machine (Linux /proc), in one pass: the services by their command
/// line, PostgreSQL, RabbitMQ and Redis by their process name.
/// </summary>
public static class PlatformProcesses
{
    public static readonly string[] Services = ["Intake", "Eligibility", "Relief", "Payments", "Notification", "Oversight", "Gateway", "Web"];

    public static IEnumerable<(string Part, int Pid, bool IsService)> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string commandLine, comm;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var service = Services.FirstOrDefault(service =>
                commandLine.Contains($"ReliefPlatform.{service} ", StringComparison.Ordinal) || commandLine.Contains($"ReliefPlatform.{service}.dll", StringComparison.Ordinal)
                || commandLine.EndsWith($"ReliefPlatform.{service}", StringComparison.Ordinal) || commandLine.Contains($"/ReliefPlatform.{service} ", StringComparison.Ordinal));
            if (service is not null)
            {
                yield return (service, pid, true);
                continue;
            }

            var server = comm switch
            {
                "postgres" => "postgresql",
                "beam.smp" => "rabbitmq",
                "redis-server" => "redis",
                _ => null,
            };
            if (server is not null)
            {
                yield return (server, pid, false);
            }
        }
    }
}

/// <summary>Peak resident memory of the platform's service processes, reset before a scenario (Linux /proc).</summary>
public static class ServiceMemory
{
    private static IEnumerable<(string Service, int Pid)> Processes() =>
        PlatformProcesses.All().Where(p => p.IsService).Select(p => (p.Part, p.Pid));

    /// <summary>Resets the kernel's peak-RSS mark of each service (writing 5 to clear_refs).</summary>
    public static void ResetPeaks()
    {
        foreach (var (_, pid) in Processes())
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Peak RSS (VmHWM) in MB per service since the last reset.</summary>
    public static Dictionary<string, double> Peaks()
    {
        var peaks = new Dictionary<string, double>();
        foreach (var (service, pid) in Processes())
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null && double.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb))
                {
                    peaks[service] = Math.Max(peaks.GetValueOrDefault(service), kb / 1024);
                }
            }
            catch (IOException)
            {
            }
        }

        return peaks;
    }

    public static IEnumerable<Figure> AsFigures(string scenario) =>
        Peaks().OrderBy(p => p.Key).Select(p => new Figure(scenario, $"peak memory {p.Key.ToLowerInvariant()}", p.Value, "MB"));
}

public static class Clock
{
    public static double Seconds(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}

/// <summary>
/// CPU seconds spent by each part of the platform during a scenario (Linux /proc): the services, and
/// PostgreSQL, RabbitMQ and Redis. On 2 cores the scenario's wall time is bounded by the sum, so this
/// is where the time goes. PostgreSQL's backends come and go: the servers' reaped-children time
/// counts those that ended.
/// </summary>
public static class ServiceCpu
{
    private static readonly double TicksPerSecond = 100;

    public static Dictionary<string, double> Snapshot()
    {
        var seconds = new Dictionary<string, double>();
        foreach (var (part, pid, isService) in PlatformProcesses.All())
        {
            if (Ticks(pid) is { } t)
            {
                var name = part.ToLowerInvariant();
                seconds[name] = seconds.GetValueOrDefault(name) + (isService ? t.Own : t.Own + t.Children) / TicksPerSecond;
            }
        }

        return seconds;
    }

    private static (double Own, double Children)? Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces: the fields start after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int number) => double.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return (Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static IEnumerable<Figure> AsFigures(string scenario, Dictionary<string, double> before, double wallSeconds)
    {
        var after = Snapshot();
        return after.OrderByDescending(p => p.Value - before.GetValueOrDefault(p.Key))
            .Select(p => new Figure(scenario, $"CPU {p.Key}", p.Value - before.GetValueOrDefault(p.Key), "s",
                wallSeconds * Environment.ProcessorCount, "all cores over the scenario"));
    }
}

/// <summary>
/// The statements PostgreSQL spent most time on during a scenario, across the platform's databases
/// (pg_stat_statements, which the local PostgreSQL loads): printed with <c>--statements</c>.
/// </summary>
public static class Statements
{
    public static async Task ResetAsync(string connectionString)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        await command.ExecuteNonQueryAsync();
    }

    public static async Task PrintAsync(string connectionString, int top) =>
        await PrintAsync(connectionString, top, "s.total_exec_time DESC", perUnit: 0);

    /// <summary>
    /// The statements PostgreSQL ran most often, with calls and rows per <paramref name="units"/> (applications):
    /// the round trips one application costs the platform, in every database (issue 22).
    /// </summary>
    public static async Task PrintByCallsAsync(string connectionString, int top, int units) =>
        await PrintAsync(connectionString, top, "s.calls DESC", units);

    private static async Task PrintAsync(string connectionString, int top, string order, int perUnit)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        if (perUnit > 0)
        {
            await using var all = source.CreateCommand("SELECT sum(calls), sum(total_exec_time) / 1000 FROM pg_stat_statements");
            await using var totals = await all.ExecuteReaderAsync();
            if (await totals.ReadAsync() && !totals.IsDBNull(0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"All statements: {totals.GetDecimal(0):N0} calls ({totals.GetDecimal(0) / perUnit:0.0} per application), {totals.GetDouble(1):0.0} s"));
            }
        }

        await using var command = source.CreateCommand($"""
            SELECT d.datname, s.calls, s.total_exec_time / 1000, s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 160)
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            ORDER BY {order} LIMIT {top}
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine(perUnit > 0 ? "| database | calls | per application | seconds | rows | statement |" : "| database | calls | seconds | rows | statement |");
        Console.WriteLine(perUnit > 0 ? "|---|---:|---:|---:|---:|---|" : "|---|---:|---:|---:|---|");
        while (await reader.ReadAsync())
        {
            var per = perUnit > 0 ? string.Create(CultureInfo.InvariantCulture, $" {reader.GetInt64(1) / (double)perUnit:0.00} |") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {reader.GetString(0)} | {reader.GetInt64(1):N0} |{per} {reader.GetDouble(2):0.0} | {reader.GetInt64(3):N0} | {reader.GetString(4).Replace("|", "/", StringComparison.Ordinal)} |"));
        }
    }
}
