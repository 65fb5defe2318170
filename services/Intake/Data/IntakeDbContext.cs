using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Hotline;
using ReliefPlatform.Intake.Leads;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Intake.Data;

/// <summary>The intake service's own database (intakedb).</summary>
public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationPerson> ApplicationPersons => Set<ApplicationPerson>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<HotlineTicket> HotlineTickets => Set<HotlineTicket>();

    /// <summary>The sequence applications' keys are drawn from, <see cref="ApplicationKeyBlock"/> at a time.</summary>
    public const string ApplicationKeySequence = "applications_key_hilo";

    /// <summary>Keys a process takes from the sequence at once: one round trip per this many applications.</summary>
    public const int ApplicationKeyBlock = 20;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();

        modelBuilder.HasSequence<long>(ApplicationKeySequence).IncrementsBy(ApplicationKeyBlock);
        modelBuilder.Entity<Application>(application =>
        {
            application.ToTable("applications");
            application.HasRowVersion();
            application.HasKey(a => a.Key);
            // Keys drawn from a sequence a block at a time (issue 22): an application's persons and first timeline step
            // reference its key, and with an identity column EF had to insert the application and read its key back before
            // it could send them — two commands, then the commit, per submission. Knowing the key first, one batch writes
            // them all. A block not used up before a restart leaves a gap; keys are internal (the public id is ApplicationId).
            application.Property(a => a.Key).UseHiLo(ApplicationKeySequence);
            application.HasIndex(a => a.ApplicationId).IsUnique();
            application.HasIndex(a => a.TrackingCode).IsUnique();
            application.Property(a => a.TrackingCode).HasMaxLength(12);
            application.Property(a => a.Channel).HasConversion<string>().HasMaxLength(32);
            application.Property(a => a.Scheme).HasConversion<string>().HasMaxLength(32);
            application.Property(a => a.TemporaryAssistanceKind).HasConversion<string>().HasMaxLength(32);
            application.Property(a => a.AreaType).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.Decision).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.ApplicantIdNumber).HasMaxLength(18);
            application.Property(a => a.ApplicantName).HasMaxLength(50);
            application.Property(a => a.ApplicantPhone).HasMaxLength(20);
            application.Property(a => a.HukouCounty).HasMaxLength(6);
            application.Property(a => a.ResidenceCounty).HasMaxLength(6);
            application.Property(a => a.Members).HasJsonConversion();
            application.Property(a => a.Circumstances).HasJsonConversion();
            application.Property(a => a.Authorization).HasJsonConversion();
            application.HasMany(a => a.Timeline).WithOne().HasForeignKey(t => t.ApplicationKey).OnDelete(DeleteBehavior.Cascade);
            application.HasMany(a => a.Persons).WithOne().HasForeignKey(p => p.ApplicationKey).OnDelete(DeleteBehavior.Cascade);
            // The list query's filters.
            application.HasIndex(a => new { a.ResidenceCounty, a.SubmittedAt });
            application.Property(a => a.ResidenceTownship).HasMaxLength(9);
            application.Property(a => a.ResidenceVillage).HasMaxLength(12);
            application.HasIndex(a => new { a.ResidenceTownship, a.SubmittedAt }).HasFilter("residence_township IS NOT NULL");
            application.HasIndex(a => new { a.Status, a.SubmittedAt });
            application.HasIndex(a => a.SubmittedAt);
            application.HasIndex(a => a.LeadId);
        });

        modelBuilder.Entity<ApplicationPerson>(person =>
        {
            person.ToTable("application_persons");
            person.HasKey(p => p.Key);
            person.Property(p => p.IdNumber).HasMaxLength(18);
            person.Property(p => p.Scheme).HasConversion<string>().HasMaxLength(32);
            // R20: one open application per person per scheme across the province, enforced by the database.
            person.HasIndex(p => new { p.IdNumber, p.Scheme }).IsUnique().HasFilter("is_open").HasDatabaseName(DuplicateIndexName);
        });

        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("application_timeline");
            // Issue 23: partitioned by month of the event (MonthlyPartitions), so the key carries it.
            entry.HasKey(t => new { t.Key, t.OccurredAt });
            entry.Property(t => t.Key).UseIdentityByDefaultColumn();
            entry.Property(t => t.Stage).HasConversion<string>().HasMaxLength(16);
            entry.Property(t => t.DetailZh).HasMaxLength(1000);
            entry.Property(t => t.DetailEn).HasMaxLength(1000);
        });

        modelBuilder.Entity<Lead>(Lead.Configure);
        modelBuilder.Entity<HotlineTicket>(HotlineTicket.Configure);
    }

    public const string DuplicateIndexName = "ux_application_persons_open_person_scheme";
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class IntakeDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<IntakeDbContext>;
