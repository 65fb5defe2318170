using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Relief.SocialForces;

/// <summary>A charity working with the county (R17 慈善组织), by its unified social credit code.</summary>
public sealed class Charity
{
    public long Key { get; set; }
    public Guid CharityId { get; set; }
    public string County { get; set; } = "";
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string Contact { get; set; } = "";
    public string Phone { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Charity> c)
    {
        c.ToTable("charities");
        c.HasKey(x => x.Key);
        c.HasIndex(x => x.CharityId).IsUnique();
        c.HasIndex(x => new { x.County, x.CreditCode }).IsUnique();
        c.Property(x => x.County).HasMaxLength(6);
        c.Property(x => x.Name).HasMaxLength(100);
        c.Property(x => x.CreditCode).HasMaxLength(18);
        c.Property(x => x.Contact).HasMaxLength(50);
        c.Property(x => x.Phone).HasMaxLength(20);
    }
}

/// <summary>
/// A charity's assistance project (慈善救助项目): what it funds, for whom, and how many cases it can take.
/// Accepted referrals count against the capacity (the row version keeps two acceptances from both taking the last place).
/// </summary>
public sealed class CharityProject
{
    public long Key { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CharityId { get; set; }
    public string County { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>What it pays for or provides (medical bills, schooling, living costs, care…).</summary>
    public string Funds { get; set; } = "";

    /// <summary>Whom it is for (e.g. children of tekun households, the seriously ill).</summary>
    public string ForWhom { get; set; } = "";

    public int Capacity { get; set; }
    public int Accepted { get; set; }
    public bool Open { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public int PlacesLeft => Math.Max(0, Capacity - Accepted);

    internal static void Configure(EntityTypeBuilder<CharityProject> p)
    {
        p.ToTable("charity_projects", t => t.HasCheckConstraint("ck_charity_projects_capacity", "accepted <= capacity"));
        p.HasRowVersion();
        p.HasKey(x => x.Key);
        p.HasIndex(x => x.ProjectId).IsUnique();
        p.HasIndex(x => x.County);
        p.Property(x => x.County).HasMaxLength(6);
        p.Property(x => x.Name).HasMaxLength(100);
        p.Property(x => x.Funds).HasMaxLength(200);
        p.Property(x => x.ForWhom).HasMaxLength(200);
        p.Ignore(x => x.PlacesLeft);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    [JsonStringEnumMemberName("proposed")] Proposed,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>
/// A referral of a case that assistance cannot fully cover (R1 "still unable to support themselves after
/// assistance", R17) to a charity's project: proposed by staff, accepted or declined by the charity,
/// completed with what the charity gave. The link between government assistance and charity help.
/// </summary>
public sealed class Referral
{
    public long Key { get; set; }
    public Guid ReferralId { get; set; }
    public string County { get; set; } = "";
    public string Township { get; set; } = "";
    public string PersonIdNumber { get; set; } = "";
    public string PersonName { get; set; } = "";

    /// <summary>The temporary assistance case it follows, when there is one.</summary>
    public Guid? CaseId { get; set; }

    public string Need { get; set; } = "";

    /// <summary>What is still missing after assistance, in yuan, when it is money.</summary>
    public decimal? Shortfall { get; set; }

    public Guid ProjectId { get; set; }
    public ReferralStatus Status { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }

    /// <summary>Who answered for the charity (its contact), as staff recorded the answer.</summary>
    public string? AnsweredBy { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
    public string? DeclineReason { get; set; }
    public string? Outcome { get; set; }
    public decimal? OutcomeAmount { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? RecordedBy { get; set; }

    internal static void Configure(EntityTypeBuilder<Referral> r)
    {
        r.ToTable("referrals");
        r.HasRowVersion();
        r.HasKey(x => x.Key);
        r.HasIndex(x => x.ReferralId).IsUnique();
        r.HasIndex(x => new { x.County, x.Status });
        // One open referral of a person to a project at a time.
        r.HasIndex(x => new { x.PersonIdNumber, x.ProjectId }).IsUnique().HasFilter("status IN ('Proposed', 'Accepted')");
        r.Property(x => x.County).HasMaxLength(6);
        r.Property(x => x.Township).HasMaxLength(9);
        r.Property(x => x.PersonIdNumber).HasMaxLength(18);
        r.Property(x => x.PersonName).HasMaxLength(50);
        r.Property(x => x.Need).HasMaxLength(1000);
        r.Property(x => x.Shortfall).HasPrecision(14, 2);
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.ProposedBy).HasMaxLength(50);
        r.Property(x => x.AnsweredBy).HasMaxLength(50);
        r.Property(x => x.DeclineReason).HasMaxLength(1000);
        r.Property(x => x.Outcome).HasMaxLength(1000);
        r.Property(x => x.OutcomeAmount).HasPrecision(14, 2);
        r.Property(x => x.RecordedBy).HasMaxLength(50);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<HelperKind>))]
public enum HelperKind
{
    [JsonStringEnumMemberName("volunteer")] Volunteer,

    /// <summary>A professional social worker (社会工作者), with a certificate number.</summary>
    [JsonStringEnumMemberName("social-worker")] SocialWorker,
}

/// <summary>A volunteer or social worker registered with the county and the units (townships, villages) they serve (R17).</summary>
public sealed class Helper
{
    public long Key { get; set; }
    public Guid HelperId { get; set; }
    public string County { get; set; } = "";
    public HelperKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? Certificate { get; set; }
    public List<string> Units { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Helper> h)
    {
        h.ToTable("helpers");
        h.HasKey(x => x.Key);
        h.HasIndex(x => x.HelperId).IsUnique();
        h.HasIndex(x => x.County);
        h.Property(x => x.County).HasMaxLength(6);
        h.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        h.Property(x => x.Name).HasMaxLength(50);
        h.Property(x => x.Phone).HasMaxLength(20);
        h.Property(x => x.Certificate).HasMaxLength(50);
        h.Property(x => x.Units).HasJsonConversion();
    }
}
