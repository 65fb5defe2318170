using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.Monitoring;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Eligibility.Data;

/// <summary>The eligibility service's own database (eligibilitydb).</summary>
public sealed class EligibilityDbContext(DbContextOptions<EligibilityDbContext> options) : DbContext(options)
{
    public DbSet<CountyStandard> CountyStandards => Set<CountyStandard>();
    public DbSet<PolicyParameter> PolicyParameters => Set<PolicyParameter>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<RosterPerson> RosterPersons => Set<RosterPerson>();
    public DbSet<Entitlement> Entitlements => Set<Entitlement>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();
        modelBuilder.Entity<CountyStandard>(CountyStandard.Configure);
        modelBuilder.Entity<PolicyParameter>(PolicyParameter.Configure);
        modelBuilder.Entity<Assessment>(Assessment.Configure);
        modelBuilder.Entity<Recipient>(Recipient.Configure);
        modelBuilder.Entity<RosterPerson>(RosterPerson.Configure);
        modelBuilder.Entity<Entitlement>(Entitlement.Configure);
        modelBuilder.Entity<FeedBatch>(FeedBatch.Configure);
        modelBuilder.Entity<FeedRecord>(FeedRecord.Configure);
        modelBuilder.Entity<MonitoringWarning>(MonitoringWarning.Configure);
        modelBuilder.Entity<Determination>(Determination.Configure);
        modelBuilder.Entity<Objection>(Objection.Configure);
        modelBuilder.Entity<InvestigationDocument>(InvestigationDocument.Configure);
        modelBuilder.Entity<WorkItem>(WorkItem.Configure);
        modelBuilder.Entity<BenefitAdjustment>(BenefitAdjustment.Configure);
        modelBuilder.Entity<Recovery>(Recovery.Configure);
        modelBuilder.Entity<StandardRecalculationRecord>(StandardRecalculationRecord.Configure);
        modelBuilder.Entity<MonthlyRunRecord>(MonthlyRunRecord.Configure);
        PolicySeed.Apply(modelBuilder);
    }

    /// <summary>The policy in force on <paramref name="date"/> (every version up to it, so the snapshot can choose).</summary>
    public async Task<PolicySnapshot> PolicyOnAsync(DateOnly date, CancellationToken ct)
    {
        var standards = await CountyStandards.AsNoTracking().Where(s => s.EffectiveFrom <= date).ToListAsync(ct);
        var parameters = await PolicyParameters.AsNoTracking().Where(p => p.EffectiveFrom <= date).ToListAsync(ct);
        return new PolicySnapshot(date, standards, parameters);
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class EligibilityDesignTimeDbContextFactory : DesignTimeDbContextFactory<EligibilityDbContext>;
