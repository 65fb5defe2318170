using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Funds;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Payments.Data;

/// <summary>The payments service's own database (paymentsdb).</summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public DbSet<PaymentInstruction> Payments => Set<PaymentInstruction>();
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<Allocation> Allocations => Set<Allocation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();
        modelBuilder.Entity<PaymentInstruction>(PaymentInstruction.Configure);
        modelBuilder.Entity<PaymentAction>(PaymentAction.Configure);
        modelBuilder.Entity<Fund>(Fund.Configure);
        modelBuilder.Entity<Allocation>(Allocation.Configure);
        modelBuilder.Entity<Batches.PaymentBatch>(Batches.PaymentBatch.Configure);
        modelBuilder.Entity<Bank.SandboxSubmission>(Bank.SandboxSubmission.Configure);
        modelBuilder.Entity<Bank.SandboxResultFile>(Bank.SandboxResultFile.Configure);
        modelBuilder.Entity<Accounts.PayeeAccount>(Accounts.PayeeAccount.Configure);
        modelBuilder.Entity<Instructions.PayeeHold>(Instructions.PayeeHold.Configure);
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class PaymentsDesignTimeDbContextFactory : DesignTimeDbContextFactory<PaymentsDbContext>;
