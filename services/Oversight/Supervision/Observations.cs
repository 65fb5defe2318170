using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Oversight.Supervision;

/// <summary>A household as an application declared it (ApplicationSubmitted), for the rules that compare households.</summary>
public sealed class SeenHousehold
{
    public Guid ApplicationId { get; set; }
    public string County { get; set; } = "";
    public string? Phone { get; set; }
    public string[] Members { get; set; } = [];
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>How it came in and for which scheme (R21's applications by channel).</summary>
    public string Channel { get; set; } = "";

    public string Scheme { get; set; } = "";

    internal static void Configure(EntityTypeBuilder<SeenHousehold> h)
    {
        h.ToTable("seen_households");
        h.HasKey(x => x.ApplicationId);
        h.HasIndex(x => x.Phone).HasFilter("phone IS NOT NULL");
        h.HasIndex(x => new { x.County, x.SubmittedAt });
        // "Who shares a household with this payee?" — array containment on a GIN index.
        h.HasIndex(x => x.Members).HasMethod("gin");
        h.Property(x => x.County).HasMaxLength(6);
        h.Property(x => x.Channel).HasMaxLength(16);
        h.Property(x => x.Scheme).HasMaxLength(24);
        h.Property(x => x.Phone).HasMaxLength(20);
    }
}

/// <summary>A recipient on a roster (RecipientEnrolled, until RecipientExited): the rules' memory and the public list (R18 R20).</summary>
public sealed class RosterEntry
{
    public Guid RecipientId { get; set; }
    public string Category { get; set; } = "";
    public string County { get; set; } = "";
    public string? Township { get; set; }
    public string? Village { get; set; }
    public string HeadIdNumber { get; set; } = "";
    public string HeadName { get; set; } = "";
    public decimal MonthlyAmount { get; set; }
    public string[] Members { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly? ExitDate { get; set; }

    internal static void Configure(EntityTypeBuilder<RosterEntry> r)
    {
        r.ToTable("roster_entries");
        r.HasKey(x => x.RecipientId);
        // "Is anybody of these people on an active roster?" — array overlap on a GIN index.
        r.HasIndex(x => x.Members).HasMethod("gin").HasFilter("exit_date IS NULL");
        r.Property(x => x.Category).HasMaxLength(16);
        r.Property(x => x.County).HasMaxLength(6);
        r.Property(x => x.Township).HasMaxLength(9);
        r.Property(x => x.Village).HasMaxLength(12);
        r.Property(x => x.HeadIdNumber).HasMaxLength(18);
        r.Property(x => x.HeadName).HasMaxLength(50);
        r.Property(x => x.MonthlyAmount).HasPrecision(12, 2);
        // The public lists: a county's, a township's or a village's recipients.
        r.HasIndex(x => new { x.County, x.Township, x.Village });
    }
}

/// <summary>A person a department reported deceased (PersonsReportedDeceased).</summary>
public sealed class DeceasedPerson
{
    public string IdNumber { get; set; } = "";
    public string Department { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<DeceasedPerson> d)
    {
        d.ToTable("deceased_persons");
        d.HasKey(x => x.IdNumber);
        d.Property(x => x.IdNumber).HasMaxLength(18);
        d.Property(x => x.Department).HasMaxLength(32);
    }
}

/// <summary>A person a department reported serving a prison sentence (PersonsReportedImprisoned).</summary>
public sealed class ImprisonedPerson
{
    public string IdNumber { get; set; } = "";
    public string Department { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ImprisonedPerson> d)
    {
        d.ToTable("imprisoned_persons");
        d.HasKey(x => x.IdNumber);
        d.Property(x => x.IdNumber).HasMaxLength(18);
        d.Property(x => x.Department).HasMaxLength(32);
    }
}

/// <summary>A temporary assistance case granted (GrantApproved, its stages summed): the grant rules and the public list of temporary assistance.</summary>
public sealed class SeenGrant
{
    public Guid CaseId { get; set; }
    public string PayeeIdNumber { get; set; } = "";
    public string PayeeName { get; set; } = "";
    public string County { get; set; } = "";
    public string? Township { get; set; }

    /// <summary>What the stages announced so far add up to.</summary>
    public decimal Amount { get; set; }

    public decimal? GrantedAmount { get; set; }
    public decimal? RangeMaximum { get; set; }
    public bool CaseByCase { get; set; }
    public string? ApprovedById { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<SeenGrant> g)
    {
        g.ToTable("seen_grants");
        g.HasKey(x => x.CaseId);
        g.HasIndex(x => new { x.PayeeIdNumber, x.ApprovedAt });
        g.HasIndex(x => new { x.ApprovedById, x.ApprovedAt });
        g.HasIndex(x => new { x.County, x.ApprovedAt });
        g.Property(x => x.PayeeIdNumber).HasMaxLength(18);
        g.Property(x => x.PayeeName).HasMaxLength(50);
        g.Property(x => x.County).HasMaxLength(6);
        g.Property(x => x.Township).HasMaxLength(9);
        g.Property(x => x.Amount).HasPrecision(12, 2);
        g.Property(x => x.GrantedAmount).HasPrecision(12, 2);
        g.Property(x => x.RangeMaximum).HasPrecision(12, 2);
        g.Property(x => x.ApprovedById).HasMaxLength(100);
        g.Property(x => x.ApprovedBy).HasMaxLength(150);
    }
}

/// <summary>A payee's account in effect (PayeeAccountChanged): only its keyed hash, never the number.</summary>
public sealed class SeenAccount
{
    public string PayeeIdNumber { get; set; } = "";
    public string County { get; set; } = "";
    public string AccountHash { get; set; } = "";
    public bool Replaced { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<SeenAccount> a)
    {
        a.ToTable("seen_accounts");
        a.HasKey(x => x.PayeeIdNumber);
        a.HasIndex(x => x.AccountHash);
        a.Property(x => x.PayeeIdNumber).HasMaxLength(18);
        a.Property(x => x.County).HasMaxLength(6);
        a.Property(x => x.AccountHash).HasMaxLength(64);
    }
}

/// <summary>A close relative a member of staff declared (the register of R20's "relationship dibao" rule).</summary>
public sealed class StaffRelative
{
    public long Key { get; set; }
    public string StaffId { get; set; } = "";
    public string StaffName { get; set; } = "";
    public string? StaffUnit { get; set; }
    public string RelativeIdNumber { get; set; } = "";
    public string RelativeName { get; set; } = "";
    public string Relation { get; set; } = "";
    public DateTimeOffset DeclaredAt { get; set; }

    internal static void Configure(EntityTypeBuilder<StaffRelative> r)
    {
        r.ToTable("staff_relatives");
        r.HasKey(x => x.Key);
        r.HasIndex(x => new { x.StaffId, x.RelativeIdNumber }).IsUnique();
        r.HasIndex(x => x.RelativeIdNumber);
        r.Property(x => x.StaffId).HasMaxLength(100);
        r.Property(x => x.StaffName).HasMaxLength(100);
        r.Property(x => x.StaffUnit).HasMaxLength(12);
        r.Property(x => x.RelativeIdNumber).HasMaxLength(18);
        r.Property(x => x.RelativeName).HasMaxLength(50);
        r.Property(x => x.Relation).HasMaxLength(16);
    }
}
