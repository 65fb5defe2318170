using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Oversight.Evaluation;

/// <summary>An application's decision (EligibilityAssessed; the last one counts, as after a review): time to decision is from its submission.</summary>
public sealed class DecidedApplication
{
    public Guid ApplicationId { get; set; }
    public string Scheme { get; set; } = "";
    public string Outcome { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<DecidedApplication> d)
    {
        d.ToTable("decided_applications");
        d.HasKey(x => x.ApplicationId);
        d.HasIndex(x => x.DecidedAt);
        d.Property(x => x.Scheme).HasMaxLength(24);
        d.Property(x => x.Outcome).HasMaxLength(16);
    }
}

/// <summary>
/// What the bank paid per county, month (China time) and purpose, summed as statements arrive (a campaign of
/// a million payments is a few hundred upserts, not a million rows); money sent back is subtracted in the
/// month it came back.
/// </summary>
public sealed class PaidTotal
{
    public string County { get; set; } = "";
    public DateOnly Month { get; set; }
    public string Purpose { get; set; } = "";
    public decimal SettledAmount { get; set; }
    public decimal ReturnedAmount { get; set; }
    public long SettledLines { get; set; }

    /// <summary>Lines settled on or before their due day (R11: a month's benefit is due on its first day).</summary>
    public long OnTimeLines { get; set; }

    internal static void Configure(EntityTypeBuilder<PaidTotal> p)
    {
        p.ToTable("paid_totals");
        p.HasKey(x => new { x.County, x.Month, x.Purpose });
        p.Property(x => x.County).HasMaxLength(6);
        p.Property(x => x.Purpose).HasMaxLength(24);
        p.Property(x => x.SettledAmount).HasPrecision(16, 2);
        p.Property(x => x.ReturnedAmount).HasPrecision(16, 2);
    }
}

/// <summary>A lead (LeadRaised) and whether it went overdue (LeadOverdue): followed up in time when its deadline passed without.</summary>
public sealed class SeenLead
{
    public Guid LeadId { get; set; }
    public string County { get; set; } = "";
    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? OverdueAt { get; set; }

    internal static void Configure(EntityTypeBuilder<SeenLead> l)
    {
        l.ToTable("seen_leads");
        l.HasKey(x => x.LeadId);
        l.HasIndex(x => new { x.County, x.FoundAt });
        l.Property(x => x.County).HasMaxLength(6);
    }
}

/// <summary>A hotline call (HotlineCallRecorded): when it came in and when it was first answered (R21's answer times).</summary>
public sealed class SeenHotlineCall
{
    public Guid TicketId { get; set; }
    public string County { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? FirstAnsweredAt { get; set; }

    internal static void Configure(EntityTypeBuilder<SeenHotlineCall> c)
    {
        c.ToTable("seen_hotline_calls");
        c.HasKey(x => x.TicketId);
        c.HasIndex(x => new { x.County, x.ReceivedAt });
        c.Property(x => x.County).HasMaxLength(6);
    }
}

/// <summary>A county's resident population for a year (statistics bureau data): the base of coverage per 1,000 residents.</summary>
public sealed class CountyPopulation
{
    public string County { get; set; } = "";
    public int Year { get; set; }
    public long Population { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CountyPopulation> p)
    {
        p.ToTable("county_populations");
        p.HasKey(x => new { x.County, x.Year });
        p.Property(x => x.County).HasMaxLength(6);
        p.Property(x => x.RecordedBy).HasMaxLength(150);
    }
}
