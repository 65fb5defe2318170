using ReliefPlatform.AppHost.Infrastructure.Local;

namespace ReliefPlatform.UnitTests.Infrastructure;

public sealed class LocalServerBinariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("binaries-").FullName;

    private void Touch(string relativePath)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
    }

    [Fact]
    public void An_empty_machine_misses_all_three_packages()
    {
        var binaries = LocalServerBinaries.Locate(out var missing, _root);

        Assert.Null(binaries);
        Assert.Equal(["postgresql", "rabbitmq-server", "redis-server"], missing);
    }

    [Fact]
    public void Finds_the_newest_postgresql_major_and_the_unprivileged_rabbitmq_script()
    {
        Touch("usr/lib/postgresql/13/bin/postgres");
        Touch("usr/lib/postgresql/13/bin/initdb");
        Touch("usr/lib/postgresql/15/bin/postgres");
        Touch("usr/lib/postgresql/15/bin/initdb");
        Touch("usr/lib/postgresql/16/bin/pg_dump"); // a client only: no server here
        Touch("usr/lib/rabbitmq/bin/rabbitmq-server");
        Touch("usr/bin/epmd");
        Touch("usr/bin/redis-server");

        var binaries = LocalServerBinaries.Locate(out var missing, _root);

        Assert.Empty(missing);
        Assert.NotNull(binaries);
        Assert.Equal(Path.Combine(_root, "usr/lib/postgresql/15/bin"), binaries.PostgresBinDirectory);
        Assert.Equal(Path.Combine(_root, "usr/lib/rabbitmq/bin/rabbitmq-server"), binaries.RabbitMqServer);
    }

    [Fact]
    public void RabbitMQ_without_epmd_counts_as_missing()
    {
        Touch("usr/lib/rabbitmq/bin/rabbitmq-server");

        LocalServerBinaries.Locate(out var missing, _root);

        Assert.Contains("rabbitmq-server", missing);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
