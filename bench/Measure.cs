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

/// <summary>Peak resident memory of the platform's service processes, reset before a scenario (Linux /proc).</summary>
public static class ServiceMemory
{
    public static readonly string[] Services = ["Intake", "Eligibility", "Relief", "Payments", "Notification", "Gateway"];

    private static IEnumerable<(string Service, int Pid)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var service in Services)
            {
                if (commandLine.Contains($"ReliefPlatform.{service} ", StringComparison.Ordinal) || commandLine.Contains($"ReliefPlatform.{service}.dll", StringComparison.Ordinal)
                    || commandLine.EndsWith($"ReliefPlatform.{service}", StringComparison.Ordinal) || commandLine.Contains($"/ReliefPlatform.{service} ", StringComparison.Ordinal))
                {
                    yield return (service, pid);
                }
            }
        }
    }

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
