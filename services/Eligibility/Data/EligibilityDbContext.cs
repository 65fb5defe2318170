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

    /// <summary>
    /// The policy in force on <paramref name="date"/> (every version up to it, so the snapshot can choose).
    /// Every assessment needs it (issue 22: reading and materialising every county's standards per application was a
    /// sixth of eligibility's work in a surge), and it changes a few times a year: the versions are kept in memory
    /// and one statement asks whether the tables still hold the same rows: their count, and the sum of the
    /// transaction ids that wrote them (an added, corrected or removed row changes one or the other). A version
    /// recorded through any replica, or corrected by a migration, is therefore seen at once.
    /// </summary>
    public async Task<PolicySnapshot> PolicyOnAsync(DateOnly date, CancellationToken ct)
    {
        var versions = await Database.SqlQuery<PolicyVersions>($"""
            SELECT s.n AS standards, s.written AS standards_written, p.n AS parameters, p.written AS parameters_written
            FROM (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS written FROM county_standards) AS s,
                 (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS written FROM policy_parameters) AS p
            """).SingleAsync(ct);
        var cacheKey = Database.GetConnectionString() ?? "";
        if (!Policies.TryGetValue(cacheKey, out var cached) || cached.Versions != versions)
        {
            // Read after the versions: rows added in between make the next call read again, never the other way round.
            var standards = await CountyStandards.AsNoTracking().ToListAsync(ct);
            var parameters = await PolicyParameters.AsNoTracking().ToListAsync(ct);
            cached = new CachedPolicy(versions, standards, parameters);
            Policies[cacheKey] = cached;
        }

        return new PolicySnapshot(date, [.. cached.Standards.Where(s => s.EffectiveFrom <= date)], [.. cached.Parameters.Where(p => p.EffectiveFrom <= date)]);
    }

    /// <summary>What identifies the rows of the policy tables: how many, and which transactions wrote them.</summary>
    internal sealed record PolicyVersions(long Standards, decimal StandardsWritten, long Parameters, decimal ParametersWritten);

    private sealed record CachedPolicy(PolicyVersions Versions, IReadOnlyList<CountyStandard> Standards, IReadOnlyList<PolicyParameter> Parameters);

    /// <summary>Per database (a process has one; tests may point several contexts at different ones). Entities are never changed after reading.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedPolicy> Policies = new(StringComparer.Ordinal);
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class EligibilityDesignTimeDbContextFactory : DesignTimeDbContextFactory<EligibilityDbContext>;
