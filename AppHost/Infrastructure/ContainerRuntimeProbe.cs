using System.Diagnostics;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>Asks the container runtime whether it answers; <c>docker info</c> fails in a tenth of a second without an engine.</summary>
public static class ContainerRuntimeProbe
{
    public static bool Answers(string? runtime = null, TimeSpan? timeout = null)
    {
        runtime ??= Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            // Drain output so a chatty 'info' cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
