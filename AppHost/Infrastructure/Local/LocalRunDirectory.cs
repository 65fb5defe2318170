using System.Diagnostics;
using System.Globalization;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>
/// The folder of one AppHost run under <c>$TMPDIR/reliefplatform/</c>: every local server keeps its
/// data there, so two runs side by side never share a file, and the folder goes when the run ends.
/// Folders of runs that died without cleaning up (their owner process is gone) are swept at start.
/// </summary>
public sealed class LocalRunDirectory
{
    private const string OwnerFile = "owner.pid";
    private readonly List<PortReservation> _ports = [];

    public string RunId { get; }

    public string Path { get; }

    private LocalRunDirectory(string root, string runId)
    {
        RunId = runId;
        Path = System.IO.Path.Combine(root, runId);
    }

    public static string DefaultRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reliefplatform");

    public static LocalRunDirectory Create(string? root = null)
    {
        root ??= DefaultRoot;
        Directory.CreateDirectory(root);
        SweepAbandoned(root);

        // Short and unique: it also names the RabbitMQ node, so two runs never meet in epmd.
        var runId = $"{Environment.ProcessId:x}{Random.Shared.Next(0x1000, 0xffff):x}";
        var run = new LocalRunDirectory(root, runId);
        Directory.CreateDirectory(run.Path);
        // Servers run as other users (postgres): they must be able to traverse the run folder.
        UnixPermissions.Set(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        UnixPermissions.Set(run.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.WriteAllText(System.IO.Path.Combine(run.Path, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return run;
    }

    public string Subdirectory(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Releases the run's ports and removes its folder.</summary>
    public void Delete()
    {
        lock (_ports)
        {
            _ports.ForEach(p => p.Dispose());
            _ports.Clear();
        }

        TryDelete(Path);
    }

    /// <summary>Removes folders whose owner process no longer runs.</summary>
    public static void SweepAbandoned(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            if (System.IO.Path.GetFileName(dir) == PortReservation.FolderName)
            {
                continue; // the port locks of every run, live ones included
            }

            var ownerFile = System.IO.Path.Combine(dir, OwnerFile);
            if (!File.Exists(ownerFile)
                || !int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                || !IsRunning(pid))
            {
                // A folder without an owner file may be one being created right now: leave young ones alone.
                if (File.Exists(ownerFile) || Directory.GetCreationTimeUtc(dir) < DateTime.UtcNow.AddMinutes(-10))
                {
                    TryDelete(dir);
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A server still writing; the next run's sweep removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A port held for this run until it ends (see <see cref="PortReservation"/>), for every server reached without
    /// the orchestrator's proxy (PostgreSQL, RabbitMQ with its epmd and distribution ports, Redis). A port the
    /// orchestrator picked for such a server was not bound until the server started, and another run starting beside
    /// this one could reserve it meanwhile (RabbitMQ's listener once failed with <c>eaddrinuse</c> so).
    /// </summary>
    public int ReservePort()
    {
        var reservation = PortReservation.Claim(System.IO.Path.GetDirectoryName(Path)!);
        lock (_ports)
        {
            _ports.Add(reservation);
        }

        return reservation.Port;
    }
}

internal static class UnixPermissions
{
    /// <summary>Sets a file's mode; the local mode runs Debian's packages, so elsewhere there is nothing to set.</summary>
    public static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
