using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Data;

/// <summary>The relief service's own database (reliefdb).</summary>
public sealed class ReliefDbContext(DbContextOptions<ReliefDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddWiringProbes();
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class ReliefDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<ReliefDbContext>;
