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
    public void Free_ports_are_usable_ports()
    {
        var port = LocalRunDirectory.FreeTcpPort();

        Assert.InRange(port, 1024, 65535);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
