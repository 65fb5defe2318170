using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Payments.Data;

/// <summary>The payments service's own database (paymentsdb).</summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddWiringProbes();
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class PaymentsDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<PaymentsDbContext>;
