namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>Where Debian's packages put the servers the local mode runs.</summary>
public sealed record LocalServerBinaries(string PostgresBinDirectory, string RabbitMqServer, string RedisServer, string Epmd)
{
    public const string PostgresPackage = "postgresql";
    public const string RabbitMqPackage = "rabbitmq-server";
    public const string RedisPackage = "redis-server";

    /// <summary>Finds the binaries; <paramref name="missingPackages"/> names the Debian packages to install otherwise.</summary>
    public static LocalServerBinaries? Locate(out IReadOnlyList<string> missingPackages, string root = "/")
    {
        var missing = new List<string>();

        // The newest PostgreSQL major that has a server binary (Debian 12 ships 15).
        var postgresBin = Directory.Exists(Path.Combine(root, "usr/lib/postgresql"))
            ? Directory.GetDirectories(Path.Combine(root, "usr/lib/postgresql"))
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (postgresBin is null)
        {
            missing.Add(PostgresPackage);
        }

        // Debian's /usr/sbin/rabbitmq-server switches user and writes to /var; this script does neither.
        var rabbit = Path.Combine(root, "usr/lib/rabbitmq/bin/rabbitmq-server");
        var epmd = FirstExisting(Path.Combine(root, "usr/bin/epmd"), Path.Combine(root, "usr/lib/erlang/bin/epmd"));
        if (!File.Exists(rabbit) || epmd is null)
        {
            missing.Add(RabbitMqPackage);
        }

        var redis = FirstExisting(Path.Combine(root, "usr/bin/redis-server"), Path.Combine(root, "usr/local/bin/redis-server"));
        if (redis is null)
        {
            missing.Add(RedisPackage);
        }

        missingPackages = missing;
        return missing.Count == 0 ? new LocalServerBinaries(postgresBin!, rabbit, redis!, epmd!) : null;
    }

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);
}
