using ReliefPlatform.AppHost.Infrastructure.Local;

namespace ReliefPlatform.UnitTests.Infrastructure;

public sealed class LocalRunDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runs-").FullName;

    [Fact]
    public void Two_runs_get_different_folders_and_ids()
    {
        var first = LocalRunDirectory.Create(_root);
        var second = LocalRunDirectory.Create(_root);

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.NotEqual(first.Path, second.Path);
        Assert.True(Directory.Exists(first.Path));
    }

    [Fact]
    public void A_folder_left_by_a_dead_run_is_swept_and_a_live_one_is_kept()
    {
        var live = LocalRunDirectory.Create(_root);
        var dead = Path.Combine(_root, "deadrun");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "owner.pid"), int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));

        LocalRunDirectory.SweepAbandoned(_root);

        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live.Path));
    }

    [Fact]
    public void Delete_removes_the_run_folder()
    {
        var run = LocalRunDirectory.Create(_root);
        File.WriteAllText(Path.Combine(run.Subdirectory("postgres"), "file"), "x");

        run.Delete();

        Assert.False(Directory.Exists(run.Path));
    }

    [Fact]
    public void Ports_claimed_at_once_by_many_runs_are_distinct_bindable_and_never_ephemeral()
    {
        // The CI failure (dist_port_already_used): two runs starting side by side were handed the same port.
        var ephemeral = PortReservation.ReadEphemeralRange();
        var reservations = new System.Collections.Concurrent.ConcurrentBag<PortReservation>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ => reservations.Add(PortReservation.Claim(_root)));
        try
        {
            var ports = reservations.Select(r => r.Port).ToList();
            Assert.Equal(ports.Count, ports.Distinct().Count());
            Assert.All(ports, port => Assert.False(port >= ephemeral.First && port <= ephemeral.Last, $"{port} is in the ephemeral range"));
            Assert.All(ports, port =>
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start(); // nothing else took it
            });
        }
        finally
        {
            foreach (var reservation in reservations)
            {
                reservation.Dispose();
            }
        }
    }

    [Fact]
    public void A_held_port_is_refused_to_the_next_claimant_and_released_with_its_run()
    {
        var first = PortReservation.Claim(_root, (47_001, 47_001));
        Assert.Throws<InvalidOperationException>(() => PortReservation.Claim(_root, (47_001, 47_001)));

        first.Dispose();
        using var again = PortReservation.Claim(_root, (47_001, 47_001));
        Assert.Equal(47_001, again.Port);
    }

    [Fact]
    public void A_port_something_listens_on_is_never_handed_out()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Throws<InvalidOperationException>(() => PortReservation.Claim(_root, (busy, busy)));
    }

    [Theory]
    [InlineData(32768, 60999, 10000, 32767)]
    [InlineData(10500, 60999, 61000, 65535)]
    public void Candidates_lie_outside_the_kernels_ephemeral_range(int first, int last, int expectedFirst, int expectedLast) =>
        Assert.Equal((expectedFirst, expectedLast), PortReservation.CandidateRange((first, last)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
