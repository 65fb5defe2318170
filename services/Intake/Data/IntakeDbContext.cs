using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake.Data;

/// <summary>The intake service's own database (intakedb).</summary>
public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddWiringProbes();
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class IntakeDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<IntakeDbContext>;
