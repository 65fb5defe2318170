using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility.Data;

/// <summary>The eligibility service's own database (eligibilitydb).</summary>
public sealed class EligibilityDbContext(DbContextOptions<EligibilityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddWiringProbes();
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class EligibilityDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<EligibilityDbContext>;
