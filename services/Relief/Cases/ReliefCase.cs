using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Relief.Grants;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Relief.Cases;

/// <summary>Who granted: the county (the rule), or in medium / high-risk areas a community or village directly (R8).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrantingLevel>))]
public enum GrantingLevel
{
    [JsonStringEnumMemberName("county")] County,
    [JsonStringEnumMemberName("township")] Township,
    [JsonStringEnumMemberName("community")] Community,
    [JsonStringEnumMemberName("village")] Village,
}

/// <summary>How a list of cases is ordered by when they opened: newest first (the default), or oldest first — a work queue, fair to the family that waited longest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseOrder>))]
public enum CaseOrder
{
    [JsonStringEnumMemberName("newest")] Newest,
    [JsonStringEnumMemberName("oldest")] Oldest,
}

[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("granted")] Granted,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>A temporary-assistance case (临时救助), opened from an eligible assessment.</summary>
public sealed class ReliefCase
{
    public long Key { get; set; }
    public Guid CaseId { get; set; }
    public Guid ApplicationId { get; set; }
    public TemporaryAssistanceKind Kind { get; set; }
    public string PersonIdNumber { get; set; } = "";
    public string PersonName { get; set; } = "";
    public bool Urgent { get; set; }
    public TemporaryGrantBasis Basis { get; set; } = null!;
    public string County { get; set; } = "";
    public CaseStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The township of residence when the case is its county's: a township's people see only their township's cases.</summary>
    public string? Township { get; set; }

    public Guid? GrantId { get; set; }
    public string? PayingCounty { get; set; }
    public decimal? UrbanStandard { get; set; }
    public decimal? Multiplier { get; set; }
    public decimal? Amount { get; set; }
    public bool CaseByCase { get; set; }
    /// <summary>Who proposed and who approved: the name for people reading, the token subject for the four-eyes rule.</summary>
    public string? ProposedBy { get; set; }
    public string? ProposedById { get; set; }
    public GrantingLevel? GrantedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public string? ApprovedById { get; set; }

    /// <summary>A proposal waiting for its approver (R14's case-by-case amounts need one): what was proposed, and when.</summary>
    public DateTimeOffset? ProposedAt { get; set; }
    public string? ProposalPayingCounty { get; set; }
    public decimal? ProposalMultiplier { get; set; }
    public decimal? ProposalAmount { get; set; }

    public bool HasPendingProposal => Status == CaseStatus.Open && ProposedAt is not null;
    public string? Reason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>R8 assist first: paid at once from a township reserve fund, reviewed by the deadline.</summary>
    public decimal? AssistFirstAmount { get; set; }
    public Guid? AssistFirstFundId { get; set; }
    public DateTimeOffset? AssistFirstPaidAt { get; set; }
    public DateTimeOffset? ReviewDeadline { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>When the missed review deadline was announced (once per case).</summary>
    public DateTimeOffset? ReviewOverdueAnnouncedAt { get; set; }

    /// <summary>Set when a review rejects a case already paid first: the amount is to be recovered, never dropped silently.</summary>
    public decimal? RecoveryAmount { get; set; }

    /// <summary>R8 staged help: what has been released of the granted amount so far, and in how many stages.</summary>
    public decimal ReleasedAmount { get; set; }
    public int StagesReleased { get; set; }

    public decimal? Remaining => Amount is { } total ? total - ReleasedAmount : null;

    public bool ReviewOverdue(DateTimeOffset now) => ReviewDeadline is { } deadline && ReviewedAt is null && deadline < now;

    /// <summary>Records a proposal for another person to approve; a later proposal replaces it while the case is open.</summary>
    public void Propose(GrantProposal proposal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ProposedAt = now;
        ProposalPayingCounty = proposal.PayingCounty;
        ProposalMultiplier = proposal.Multiplier;
        ProposalAmount = proposal.Amount;
        ProposedBy = proposal.ProposedBy.Name;
        ProposedById = proposal.ProposedBy.Id;
        Reason = proposal.Reason;
    }

    /// <summary>The pending proposal, to be approved by <paramref name="approver"/>.</summary>
    public GrantProposal PendingProposal(Actor approver) =>
        new(ProposalPayingCounty, ProposalMultiplier, ProposalAmount,
            new Actor(ActorKind.Person, ProposedById ?? "", ProposedBy ?? "", null), approver, Reason);

    public void Grant(GrantDecision decision, GrantProposal proposal, DateTimeOffset now, GrantingLevel level)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(proposal);
        GrantedAt = level;
        Status = CaseStatus.Granted;
        GrantId = Guid.CreateVersion7(now);
        PayingCounty = decision.PayingCounty;
        UrbanStandard = decision.UrbanStandard;
        Multiplier = decision.Multiplier;
        Amount = decision.Amount;
        CaseByCase = decision.CaseByCase;
        ProposedBy = proposal.ProposedBy.Name;
        ProposedById = proposal.ProposedBy.Id;
        ApprovedBy = decision.ApprovedBy.Name;
        ApprovedById = decision.ApprovedBy.Id;
        Reason = proposal.Reason;
        DecidedAt = now;
        ReviewedAt ??= AssistFirstAmount is null ? null : now;
        // What was paid first from the reserve counts as the first stage, already released.
        ReleasedAmount = AssistFirstAmount ?? 0m;
        StagesReleased = AssistFirstAmount is null ? 0 : 1;
    }

    /// <summary>Releases the next stage; the stages never add up to more than the granted amount.</summary>
    public int ReleaseStage(decimal amount)
    {
        if (Status != CaseStatus.Granted || Amount is null)
        {
            throw new InvalidOperationException("Only a granted case releases stages.");
        }

        if (amount <= 0 || ReleasedAmount + amount > Amount)
        {
            throw new InvalidOperationException($"A stage of {amount:0.00} would exceed the granted {Amount:0.00} ({ReleasedAmount:0.00} released).");
        }

        ReleasedAmount += amount;
        return ++StagesReleased;
    }

    public void Reject(Actor decidedBy, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        if (AssistFirstAmount is { } paid)
        {
            RecoveryAmount = paid;
        }

        ReviewedAt ??= AssistFirstAmount is null ? null : now;
        Status = CaseStatus.Rejected;
        ApprovedBy = decidedBy.Name;
        ApprovedById = decidedBy.Id;
        Reason = reason;
        DecidedAt = now;
    }

    internal static void Configure(EntityTypeBuilder<ReliefCase> c)
    {
        c.ToTable("cases");
        c.HasRowVersion();
        c.HasKey(x => x.Key);
        c.HasIndex(x => x.CaseId).IsUnique();
        c.HasIndex(x => x.ApplicationId).IsUnique();
        c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        c.Property(x => x.PersonIdNumber).HasMaxLength(18);
        c.Property(x => x.PersonName).HasMaxLength(50);
        c.Property(x => x.County).HasMaxLength(6);
        c.Property(x => x.Township).HasMaxLength(9);
        c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Basis).HasJsonConversion();
        c.Property(x => x.PayingCounty).HasMaxLength(6);
        c.Property(x => x.UrbanStandard).HasPrecision(14, 2);
        c.Property(x => x.Multiplier).HasPrecision(8, 4);
        c.Property(x => x.Amount).HasPrecision(14, 2);
        c.Property(x => x.ProposedBy).HasMaxLength(50);
        c.Property(x => x.GrantedAt).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.ApprovedBy).HasMaxLength(50);
        c.Property(x => x.ProposedById).HasMaxLength(64);
        c.Property(x => x.ApprovedById).HasMaxLength(64);
        c.Property(x => x.ProposalPayingCounty).HasMaxLength(6);
        c.Property(x => x.ProposalMultiplier).HasPrecision(8, 4);
        c.Property(x => x.ProposalAmount).HasPrecision(14, 2);
        c.Property(x => x.Reason).HasMaxLength(1000);
        c.Property(x => x.AssistFirstAmount).HasPrecision(14, 2);
        c.Property(x => x.RecoveryAmount).HasPrecision(14, 2);
        c.Property(x => x.ReleasedAmount).HasPrecision(14, 2);
        c.Ignore(x => x.Remaining);
        c.HasIndex(x => x.ReviewDeadline).HasFilter("reviewed_at IS NULL");
        // R20 one grant per incident: looked up by person and kind.
        c.HasIndex(x => new { x.PersonIdNumber, x.Kind, x.DecidedAt });
        c.HasIndex(x => new { x.County, x.Status });
        // The province-wide work list (open cases, newest first, and how many): without it every poll of a provincial
        // console or system read every case ever opened (issue 22: in a disaster that table grows by thousands a day).
        c.HasIndex(x => new { x.Status, x.OpenedAt });
    }
}
