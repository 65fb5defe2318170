using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>
/// A TCP port held for one run, for the servers reached without the orchestrator's proxy (PostgreSQL,
/// RabbitMQ with Erlang's epmd and distribution ports, Redis). Picking "a free port" by binding port 0 and closing it
/// races: the kernel hands the same port to the next outgoing connection or to another run starting
/// beside this one (CI once failed on <c>dist_port_already_used</c>). So the port is taken outside
/// the kernel's ephemeral range (no connect() or bind(0) is ever given it) and claimed with an
/// exclusive lock file under the runs' root, which every AppHost in every process honours; the kernel
/// drops the lock when its holder dies, so a killed run never keeps a port.
/// </summary>
public sealed class PortReservation : IDisposable
{
    /// <summary>The folder of the lock files, under the runs' root; never swept (a lock file is only removed by nobody).</summary>
    public const string FolderName = "ports";
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private readonly FileStream _lock;

    public int Port { get; }

    private PortReservation(int port, FileStream lockFile)
    {
        Port = port;
        _lock = lockFile;
    }

    /// <summary>Claims a port nobody else holds and nothing listens on, from a range the kernel never hands out on its own.</summary>
    public static PortReservation Claim(string root, (int First, int Last)? candidates = null)
    {
        var directory = Path.Combine(root, FolderName);
        Directory.CreateDirectory(directory);
        var (first, last) = candidates ?? CandidateRange(ReadEphemeralRange());
        var span = last - first + 1;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < span; i++)
        {
            var port = first + ((start + i) % span);
            FileStream? lockFile = null;
            try
            {
                // FileShare.None is an exclusive flock on Linux: a second claimant, in this process or another, fails here.
                lockFile = new FileStream(Path.Combine(directory, port.ToString(CultureInfo.InvariantCulture) + ".lock"),
                    FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                continue;
            }

            if (IsBindable(port))
            {
                return new PortReservation(port, lockFile);
            }

            lockFile.Dispose();
        }

        throw new InvalidOperationException($"No free TCP port between {first} and {last} on loopback.");
    }

    /// <summary>
    /// Ports the kernel does not give to outgoing connections: below its ephemeral range when there is
    /// room there (10000 up to it), else above it.
    /// </summary>
    public static (int First, int Last) CandidateRange((int First, int Last) ephemeral)
    {
        const int lowest = 10_000;
        return ephemeral.First - lowest >= 1_000 ? (lowest, ephemeral.First - 1) : (ephemeral.Last + 1, 65_535);
    }

    public static (int First, int Last) ReadEphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32_768, 60_999); // Linux's default
        }
    }

    private static bool IsBindable(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _lock.Dispose();
}
