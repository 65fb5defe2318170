using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>Runs a preparation command (initdb, chown) to completion, its output in the resource's log.</summary>
internal static class ProcessRunner
{
    /// <param name="commandLine">The program followed by its arguments.</param>
    public static async Task RunAsync(IReadOnlyList<string> commandLine, ILogger log, CancellationToken cancellationToken)
    {
        var fileName = commandLine[0];
        var arguments = commandLine.Skip(1);
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = PumpAsync(process.StandardOutput, log, LogLevel.Information);
        var stderr = PumpAsync(process.StandardError, log, LogLevel.Warning);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', startInfo.ArgumentList)} exited with {process.ExitCode}.");
        }
    }

    private static async Task PumpAsync(StreamReader reader, ILogger log, LogLevel level)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.Log(level, "{Line}", line);
        }
    }

    /// <summary>
    /// The command prefix that runs a program as the unprivileged <paramref name="user"/> when the
    /// AppHost runs as root (PostgreSQL refuses root), and nothing otherwise.
    /// </summary>
    public static IReadOnlyList<string> AsUser(string user) =>
        IsRoot()
            ? ["/usr/bin/setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"]
            : [];

    public static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
        && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
}
