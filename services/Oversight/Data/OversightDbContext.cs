using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.Oversight.Supervision;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Oversight.Data;

/// <summary>The oversight service's own database (oversightdb): complaints, flags and what the rules remember of the other services' events.</summary>
public sealed class OversightDbContext(DbContextOptions<OversightDbContext> options) : DbContext(options)
{
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<SeenHousehold> SeenHouseholds => Set<SeenHousehold>();
    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();
    public DbSet<DeceasedPerson> DeceasedPersons => Set<DeceasedPerson>();
    public DbSet<SeenGrant> SeenGrants => Set<SeenGrant>();
    public DbSet<StaffRelative> StaffRelatives => Set<StaffRelative>();
    public DbSet<SeenAccount> SeenAccounts => Set<SeenAccount>();
    public DbSet<ImprisonedPerson> ImprisonedPersons => Set<ImprisonedPerson>();
    public DbSet<Evaluation.CountyPopulation> Populations => Set<Evaluation.CountyPopulation>();
    public DbSet<Funds.AuditFinding> AuditFindings => Set<Funds.AuditFinding>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();
        modelBuilder.Entity<Complaint>(Complaint.Configure);
        modelBuilder.Entity<Flag>(Flag.Configure);
        modelBuilder.Entity<SeenHousehold>(SeenHousehold.Configure);
        modelBuilder.Entity<RosterEntry>(RosterEntry.Configure);
        modelBuilder.Entity<DeceasedPerson>(DeceasedPerson.Configure);
        modelBuilder.Entity<SeenGrant>(SeenGrant.Configure);
        modelBuilder.Entity<StaffRelative>(StaffRelative.Configure);
        modelBuilder.Entity<SeenAccount>(SeenAccount.Configure);
        modelBuilder.Entity<ImprisonedPerson>(ImprisonedPerson.Configure);
        modelBuilder.Entity<Evaluation.DecidedApplication>(Evaluation.DecidedApplication.Configure);
        modelBuilder.Entity<Evaluation.PaidTotal>(Evaluation.PaidTotal.Configure);
        modelBuilder.Entity<Evaluation.SeenLead>(Evaluation.SeenLead.Configure);
        modelBuilder.Entity<Evaluation.CountyPopulation>(Evaluation.CountyPopulation.Configure);
        modelBuilder.Entity<Evaluation.SeenHotlineCall>(Evaluation.SeenHotlineCall.Configure);
        modelBuilder.Entity<Funds.AuditFinding>(Funds.AuditFinding.Configure);
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class OversightDesignTimeDbContextFactory : DesignTimeDbContextFactory<OversightDbContext>;
