using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.UnitTests.Infrastructure;

/// <summary>Database:Migrations (issue 23): services in production never migrate; the migrations Job migrates and stops.</summary>
public sealed class DatabaseMigratorTests
{
    private sealed class NoDatabase(DbContextOptions<NoDatabase> options) : DbContext(options);

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public bool StopRequested { get; private set; }
        public void StopApplication() => StopRequested = true;
    }

    private static DatabaseMigrator<NoDatabase> Migrator(string? mode, Lifetime lifetime) => new(
        new ServiceCollection().BuildServiceProvider(), // no DbContext: migrating would throw
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseMigrator<NoDatabase>.SettingKey] = mode }).Build(),
        lifetime, NullLogger<DatabaseMigrator<NoDatabase>>.Instance);

    [Fact]
    public async Task With_none_the_service_starts_without_touching_its_database()
    {
        var lifetime = new Lifetime();
        await Migrator("none", lifetime).StartAsync(CancellationToken.None);
        Assert.False(lifetime.StopRequested);
    }

    [Fact]
    public async Task An_unknown_mode_stops_the_start_naming_the_setting() =>
        Assert.Contains("Database:Migrations", (await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator("sometimes", new Lifetime()).StartAsync(CancellationToken.None))).Message, StringComparison.Ordinal);
}
