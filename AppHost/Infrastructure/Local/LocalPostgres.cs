using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>A PostgreSQL server from Debian's package, run as a local process in the run folder.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password, string dataDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string UserName = "postgres";

    private readonly Dictionary<string, LocalPostgresDatabaseResource> _databases = new(StringComparer.Ordinal);

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    public string DataDirectory { get; } = dataDirectory;

    public IReadOnlyCollection<LocalPostgresDatabaseResource> Databases => _databases.Values;

    /// <summary>The same shape as Aspire's PostgreSQL container resource, so clients cannot tell them apart.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases.TryAdd(database.Name, database);
}

/// <summary>A database of a <see cref="LocalPostgresServerResource"/>, created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Configuration key: run the local PostgreSQL with its durability (fsync and full-page writes on), as production
    /// does. Off by default: the local cluster is thrown away when the run ends. The benchmarks set it.
    /// </summary>
    public const string DurableKey = "Platform:DurablePostgres";

    /// <summary>
    /// Adds PostgreSQL as a local process: a fresh cluster (initdb) in the run folder, on a port reserved
    /// for the run, run as the <c>postgres</c> OS user when the AppHost is root.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, LocalServerBinaries binaries, LocalRunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(binaries);
        ArgumentNullException.ThrowIfNull(run);

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var serverDirectory = Path.Combine(run.Path, name);
        var dataDirectory = Path.Combine(serverDirectory, "data");
        // As root: setpriv exec's the server as postgres, so the orchestrator's pid is the server itself.
        IReadOnlyList<string> commandLine = [.. ProcessRunner.AsUser("postgres"), Path.Combine(binaries.PostgresBinDirectory, "postgres")];
        var command = commandLine[0];

        var server = new LocalPostgresServerResource(name, command, run.Path, password, dataDirectory);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, ct) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await InitializeClusterAsync(binaries, serverDirectory, dataDirectory, await password.GetValueAsync(ct) ?? "", log, ct);
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            // All at once, each on its own connection (issue 22, target 4: one after another they took 2 s of the start
            // on a durable cluster, every service waiting for the last).
            await Task.WhenAll(server.Databases.Select(async database =>
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Pooling=false");
                await connection.OpenAsync(ct);
                await CreateDatabaseIfMissingAsync(connection, database.DatabaseName, ct);
                await notifications.PublishUpdateAsync(database, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
            }));
        });

        var healthCheckKey = $"{name}_check";
        builder.AddWatchfulHealthCheck(healthCheckKey, new PostgresHealthCheck(() => connectionString is null ? null : connectionString + ";Database=postgres"));

        var arguments = new List<string>(commandLine.Skip(1));
        arguments.AddRange(
        [
            "-D", dataDirectory,
            "-c", "listen_addresses=localhost",
            // No Unix socket: the default folder (/var/run/postgresql) belongs to the system cluster.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
            // The default 128 MB of shared buffers holds no campaign: a million payments and their indexes are
            // about 1 GB, and every status change then reads its index pages back from the OS.
            "-c", "shared_buffers=1GB",
            "-c", "max_wal_size=4GB",
            "-c", "log_min_messages=warning",
            // Personal data stays out of the server's log: an error's DETAIL names the key values (a unique
            // violation prints the full ID number), and the failing statement may carry literals.
            "-c", "log_error_verbosity=terse",
            "-c", "log_min_error_statement=panic",
        ]);
        // A throwaway cluster in the temp folder skips fsync (tests, local runs). The benchmarks keep PostgreSQL's
        // durability, as the containers mode and production do (issue 22: no figure is won by fsync=off).
        if (!builder.Configuration.GetValue(DurableKey, false))
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "full_page_writes=off"]);
        }

        // Statement statistics for operators and the benchmarks (pg_stat_statements), when the package ships them.
        if (File.Exists(Path.Combine(binaries.PostgresBinDirectory, "..", "lib", "pg_stat_statements.so")))
        {
            arguments.AddRange(["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track_utility=off"]);
        }

        // Not proxied (issue 22): every statement of every service went through the orchestrator's TCP proxy, which
        // took about 5 % of the two cores under the surge. The port is reserved for the run (kept across restarts);
        // PostgreSQL reads PGPORT as its default.
        var port = run.ReservePort();
        return builder.AddResource(server)
            .WithArgs([.. arguments])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, env: "PGPORT", isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database")
            .ExcludeFromManifest();
    }

    /// <summary>Adds a database that is created as soon as the server is ready.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);

        string? connectionString = null;
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.AddWatchfulHealthCheck(healthCheckKey, new PostgresHealthCheck(() => connectionString));

        // Aspire gives a child of an executable no state of its own: it waits here until the server's
        // ready handler creates the database and publishes Running.
        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, database.DatabaseName)],
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("DatabaseStack")
            .ExcludeFromManifest();
    }

    private static async Task InitializeClusterAsync(
        LocalServerBinaries binaries, string serverDirectory, string dataDirectory, string password, ILogger log, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return; // a restart from the dashboard keeps the cluster
        }

        var asPostgres = ProcessRunner.AsUser("postgres");
        if (asPostgres.Count > 0)
        {
            await ProcessRunner.RunAsync(["/usr/bin/install", "-d", "-o", "postgres", "-g", "postgres", "-m", "0700", serverDirectory], log, ct);
        }
        else
        {
            Directory.CreateDirectory(serverDirectory);
        }

        var passwordFile = Path.Combine(serverDirectory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n", ct);
        try
        {
            if (asPostgres.Count > 0)
            {
                await ProcessRunner.RunAsync(["/usr/bin/chown", "postgres:postgres", passwordFile], log, ct);
            }

            await ProcessRunner.RunAsync(
                [
                    .. asPostgres,
                    Path.Combine(binaries.PostgresBinDirectory, "initdb"),
                    "-D", dataDirectory,
                    "-U", LocalPostgresServerResource.UserName,
                    "--pwfile", passwordFile,
                    "--auth-host=scram-sha-256",
                    "--auth-local=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ],
                log,
                ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnection connection, string databaseName, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // The ready event came twice at once (a loaded machine, three runs starting together): the other
                // creation won between our look and our CREATE (23505 on pg_database's name index, or 42P04).
            }
        }
    }
}
