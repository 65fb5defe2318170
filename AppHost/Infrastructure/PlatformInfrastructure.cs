using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.AppHost.Infrastructure.Local;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// The servers every service needs, whichever mode runs them: services reference these builders and
/// get the same connection strings either way.
/// </summary>
public sealed record PlatformInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    string FilesDirectory)
{
    /// <summary>A folder of this run for files services exchange with the outside (the bank's folders), removed when the run ends.</summary>
    public string Files(string name)
    {
        var path = System.IO.Path.Combine(FilesDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => Databases[name];
}

public static class PlatformInfrastructureExtensions
{
    /// <summary>Configuration key: true starts the servers without the services and the gateway.</summary>
    public const string InfrastructureOnlyKey = "Infra:Only";

    /// <summary>How long the orchestrator may wait for the container runtime before it fails (instead of waiting forever).</summary>
    private const string ContainerRuntimeTimeoutKey = "DcpPublisher:ContainerRuntimeInitializationTimeout";

    /// <summary>
    /// Adds PostgreSQL (one database per service), RabbitMQ and Redis as containers or as local
    /// processes, per <paramref name="mode"/>.
    /// </summary>
    public static PlatformInfrastructure AddPlatformInfrastructure(this IDistributedApplicationBuilder builder, InfrastructureMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return mode == InfrastructureMode.Containers ? AddContainers(builder) : AddLocalProcesses(builder);
    }

    /// <summary>Each service's database, and the gateway's (people).</summary>
    private static readonly string[] Databases = [.. ResourceNames.Services.Select(s => s.Database), ResourceNames.IdentityDb];

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        builder.Configuration[ContainerRuntimeTimeoutKey] ??= "00:01:00";
        var files = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reliefplatform-files", Guid.NewGuid().ToString("N"));
        DeleteWhenStopped(builder, () =>
        {
            try
            {
                Directory.Delete(files, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        });
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var databases = Databases.ToDictionary(
            name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(name));
        return new PlatformInfrastructure(
            InfrastructureMode.Containers,
            builder.AddRabbitMQ(ResourceNames.Messaging),
            builder.AddRedis(ResourceNames.Cache),
            databases,
            files);
    }

    private static PlatformInfrastructure AddLocalProcesses(IDistributedApplicationBuilder builder)
    {
        var binaries = LocalServerBinaries.Locate(out var missing)
            ?? throw new InvalidOperationException($"Missing Debian packages: {string.Join(", ", missing)}");
        var run = LocalRunDirectory.Create();

        // Removed when the run ends; a run that is killed is swept by the next one.
        DeleteWhenStopped(builder, run.Delete);

        var postgres = builder.AddLocalPostgres(ResourceNames.Postgres, binaries, run);
        var databases = Databases.ToDictionary(
            name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(name));
        return new PlatformInfrastructure(
            InfrastructureMode.Local,
            builder.AddLocalRabbitMq(ResourceNames.Messaging, binaries, run),
            builder.AddLocalRedis(ResourceNames.Cache, binaries, run),
            databases,
            run.Subdirectory("files"));
    }

    private static void DeleteWhenStopped(IDistributedApplicationBuilder builder, Action delete) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var lifetime = (IHostApplicationLifetime?)@event.Services.GetService(typeof(IHostApplicationLifetime));
            lifetime?.ApplicationStopped.Register(delete);
            return Task.CompletedTask;
        });
}
