using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>Where a dibao or tekun application stands in its procedure (审核确认, R3 R20).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProcedureStage>))]
public enum ProcedureStage
{
    /// <summary>Verified; waiting for the township's household investigation and proposal.</summary>
    [JsonStringEnumMemberName("investigation")] Investigation,

    /// <summary>A proposed approval on its village or township's public list (公示).</summary>
    [JsonStringEnumMemberName("disclosure")] Disclosure,

    /// <summary>Waiting for the approver's decision.</summary>
    [JsonStringEnumMemberName("approval")] Approval,

    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

[JsonConverter(typeof(JsonStringEnumConverter<ObjectionStatus>))]
public enum ObjectionStatus
{
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Found to have substance: the case goes back to investigation.</summary>
    [JsonStringEnumMemberName("upheld")] Upheld,

    [JsonStringEnumMemberName("dismissed")] Dismissed,
}

/// <summary>The household investigation (入户调查) and the proposal it ends with.</summary>
public sealed record InvestigationRecord(
    DateOnly VisitedOn,
    IReadOnlyList<string> Visitors,
    string Findings,
    Actor By,
    DateTimeOffset RecordedAt,
    bool ProposedEligible,
    string Category,
    decimal? MonthlyAmount,
    string ReasonZh,
    string ReasonEn,
    Guid AssessmentId);

/// <summary>One decision of the case, kept for good: approvals, refusals, corrections, review requests (R20).</summary>
public sealed record DecisionRecord(string Kind, Actor By, DateTimeOffset At, string ReasonZh, string ReasonEn, decimal? MonthlyAmount = null, bool? GoodFaith = null);

/// <summary>An objection lodged during public disclosure, named or anonymous.</summary>
public sealed class Objection
{
    public long Key { get; set; }
    public long DeterminationKey { get; set; }
    public Guid ObjectionId { get; set; }
    public DateTimeOffset LodgedAt { get; set; }
    public string? LodgedByName { get; set; }
    public string? Contact { get; set; }
    public string Text { get; set; } = "";
    public ObjectionStatus Status { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    internal static void Configure(EntityTypeBuilder<Objection> objection)
    {
        objection.ToTable("objections");
        objection.HasKey(o => o.Key);
        objection.HasIndex(o => o.ObjectionId).IsUnique();
        objection.Property(o => o.LodgedByName).HasMaxLength(50);
        objection.Property(o => o.Contact).HasMaxLength(50);
        objection.Property(o => o.Text).HasMaxLength(2000);
        objection.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        objection.Property(o => o.ResolvedBy).HasMaxLength(100);
        objection.Property(o => o.Resolution).HasMaxLength(1000);
    }
}

/// <summary>A step refused by the procedure: the code, the HTTP status and the reason in both languages.</summary>
public sealed class ProcedureException(int status, string code, string zh, string en) : Exception(en)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Zh { get; } = zh;
}

/// <summary>
/// The procedure of one dibao or tekun application (R3, R20; the national measures for dibao and tekun):
/// verification on submission, the township's investigation and proposal, public disclosure with
/// objections, and a decision by an approver who is not the proposer; a refusal may be reviewed by
/// other people, an approval corrected with a reason. Each step is a method that refuses what the
/// procedure forbids; the handlers only orchestrate.
/// </summary>
public sealed class Determination
{
    public long Key { get; set; }
    public Guid DeterminationId { get; set; }
    public Guid ApplicationId { get; set; }
    public Scheme Scheme { get; set; }
    public string ApplicantIdNumber { get; set; } = "";
    public string ApplicantName { get; set; } = "";
    public string County { get; set; } = "";
    public string HukouCounty { get; set; } = "";
    public string? Township { get; set; }

    /// <summary>The village or community, when the application names it: its public list carries the proposal.</summary>
    public string? Village { get; set; }
    public AreaType AreaType { get; set; }
    public DateOnly AppliedOn { get; set; }
    public bool Urgent { get; set; }

    /// <summary>The decision is due by this day (R3 time limit from the application).</summary>
    public DateOnly DecisionDueOn { get; set; }
    public List<HouseholdMember> Members { get; set; } = [];
    public Circumstances Circumstances { get; set; } = null!;
    public ProcedureStage Stage { get; set; }
    public int Round { get; set; } = 1;
    public VerificationReport Report { get; set; } = null!;
    public InvestigationRecord? Investigation { get; set; }
    public DateTimeOffset? DisclosureStartsAt { get; set; }
    public DateTimeOffset? DisclosureEndsAt { get; set; }
    public List<DecisionRecord> Decisions { get; set; } = [];

    /// <summary>People who may not act again on this case (those who investigated or decided before a review).</summary>
    public List<string> ExcludedActorIds { get; set; } = [];
    public DateOnly? ReviewRequestUntil { get; set; }
    public Guid? RecipientId { get; set; }
    public List<Objection> Objections { get; set; } = [];

    public int HouseholdSize => Scheme == Scheme.Tekun ? 1 : Members.Count;

    /// <summary>The township investigates and proposes (R3); a person, and not one excluded by a review.</summary>
    public void Investigate(InvestigationRecord record, int disclosureDays)
    {
        ArgumentNullException.ThrowIfNull(record);
        RequireStage(ProcedureStage.Investigation, "not_under_investigation", "该申请当前不在入户调查环节。", "The application is not waiting for its investigation.");
        RequirePerson(record.By);
        if (ExcludedActorIds.Contains(record.By.Id))
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "excluded_person",
                "复核须由未参与原决定的人员办理。", "A review is handled by people who took no part in the decision under review.");
        }

        Investigation = record;
        if (record.ProposedEligible && record.Category is AssistanceCategories.Dibao or AssistanceCategories.Tekun)
        {
            Stage = ProcedureStage.Disclosure;
            DisclosureStartsAt = record.RecordedAt;
            DisclosureEndsAt = record.RecordedAt.AddDays(disclosureDays);
        }
        else
        {
            Stage = ProcedureStage.Approval;
        }
    }

    /// <summary>Anyone may object, named or anonymous, while the proposal is on the public list (R20).</summary>
    public Objection LodgeObjection(string? name, string? contact, string text, DateTimeOffset now)
    {
        if (Stage != ProcedureStage.Disclosure || now < DisclosureStartsAt || now >= DisclosureEndsAt)
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "disclosure_closed", "该公示不在公示期内，不能再提出异议。", "This proposal is not under disclosure: objections are closed.");
        }

        var objection = new Objection
        {
            ObjectionId = Guid.CreateVersion7(now), LodgedAt = now, LodgedByName = name, Contact = contact, Text = text, Status = ObjectionStatus.Open,
        };
        Objections.Add(objection);
        return objection;
    }

    /// <summary>
    /// Records an objection's resolution with its reason. Upheld, the proposal is withdrawn and the case
    /// goes back to investigation; dismissed, the disclosure continues.
    /// </summary>
    public void ResolveObjection(Guid objectionId, Actor by, bool upheld, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RequirePerson(by);
        var objection = Objections.FirstOrDefault(o => o.ObjectionId == objectionId)
            ?? throw new ProcedureException(StatusCodes.Status404NotFound, "objection_not_found", "未找到该异议。", "No objection of this case has this id.");
        if (objection.Status != ObjectionStatus.Open)
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "objection_resolved", "该异议已处理。", "This objection has been resolved already.");
        }

        objection.Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.ResolvedAt = now;
        objection.ResolvedBy = by.Name;
        objection.Resolution = reason;
        if (upheld && Stage == ProcedureStage.Disclosure)
        {
            Decisions.Add(new("objection-upheld", by, now, $"异议成立，退回重新调查：{reason}", $"Objection upheld, back to investigation: {reason}"));
            Stage = ProcedureStage.Investigation;
            Investigation = null;
            DisclosureStartsAt = null;
            DisclosureEndsAt = null;
        }
    }

    /// <summary>
    /// The approver's decision (R3, R20): only once disclosure is over and every objection resolved,
    /// never by the person who proposed it nor by one excluded by a review. A refusal opens the period
    /// in which the applicant may ask for a review.
    /// </summary>
    public void Decide(Actor by, bool approve, string reasonZh, string reasonEn, DateTimeOffset now, int reviewDays)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Stage is not (ProcedureStage.Disclosure or ProcedureStage.Approval))
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "not_awaiting_decision", "该申请当前不在审批环节。", "The application is not waiting for a decision.");
        }

        if (Stage == ProcedureStage.Disclosure && now < DisclosureEndsAt)
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "disclosure_in_progress",
                $"公示期至 {DisclosureEndsAt:yyyy-MM-dd HH:mm}（UTC），期满前不能审批。", $"Under public disclosure until {DisclosureEndsAt:yyyy-MM-dd HH:mm} UTC: no decision before.");
        }

        if (Objections.Any(o => o.Status == ObjectionStatus.Open))
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "objection_unresolved", "有未处理的公示异议，处理前不能审批。", "An objection is unresolved: no decision until it is.");
        }

        RequirePerson(by);
        if (by.Id == Investigation?.By.Id || ExcludedActorIds.Contains(by.Id))
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "same_person",
                "审批人不能是提出调查意见的人，也不能是原决定的参与人。", "The approver cannot be the person who proposed, nor one who took part in a decision under review.");
        }

        if (approve && Investigation is not { ProposedEligible: true })
        {
            throw new ProcedureException(StatusCodes.Status422UnprocessableEntity, "proposal_not_eligible",
                "调查意见为不符合条件，不能批准；如有不同意见请退回重新调查。", "The proposal is 'not eligible': it cannot be approved as it stands.");
        }

        var today = ServiceDefaults.ChinaTime.DateOf(now);
        Stage = approve ? ProcedureStage.Approved : ProcedureStage.Rejected;
        ReviewRequestUntil = approve ? null : today.AddDays(reviewDays);
        Decisions.Add(new(approve ? "approved" : "rejected", by, now, reasonZh, reasonEn, approve ? Investigation!.MonthlyAmount : null));
    }

    /// <summary>
    /// The applicant asks for a review of a refusal within its period: the case is investigated and
    /// decided again by people who took no part in the refusal.
    /// </summary>
    public void RequestReview(Actor recordedBy, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        RequireStage(ProcedureStage.Rejected, "not_rejected", "只有不予批准的申请可以申请复核。", "Only a refused application may be reviewed.");
        if (ServiceDefaults.ChinaTime.DateOf(now) > ReviewRequestUntil)
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, "review_period_over",
                $"复核申请期限已于 {ReviewRequestUntil:yyyy-MM-dd} 届满；可依法申请行政复议或提起行政诉讼。",
                $"The review period ended on {ReviewRequestUntil:yyyy-MM-dd}; administrative reconsideration remains open.");
        }

        foreach (var id in Decisions.Where(d => d.Kind is "approved" or "rejected").Select(d => d.By.Id).Append(Investigation?.By.Id).OfType<string>())
        {
            if (!ExcludedActorIds.Contains(id))
            {
                ExcludedActorIds.Add(id);
            }
        }

        Decisions.Add(new("review-requested", recordedBy, now, $"申请复核：{reason}", $"Review requested: {reason}"));
        Round++;
        Stage = ProcedureStage.Investigation;
        Investigation = null;
        DisclosureStartsAt = null;
        DisclosureEndsAt = null;
        ReviewRequestUntil = null;
    }

    /// <summary>
    /// A decision found wrong is corrected with a reason; the original stays beside it (R20), and whether
    /// the staff who made it acted in good faith is recorded.
    /// </summary>
    public DecisionRecord Correct(Actor by, decimal monthlyAmount, string reasonZh, bool goodFaith, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RequireStage(ProcedureStage.Approved, "not_approved", "只有已批准的决定可以更正。", "Only an approval is corrected here.");
        RequirePerson(by);
        var record = new DecisionRecord("corrected", by, now, $"更正：{reasonZh}", $"Corrected: {reasonZh}", monthlyAmount, goodFaith);
        Decisions.Add(record);
        return record;
    }

    private void RequireStage(ProcedureStage stage, string code, string zh, string en)
    {
        if (Stage != stage)
        {
            throw new ProcedureException(StatusCodes.Status409Conflict, code, zh, en);
        }
    }

    private static void RequirePerson(Actor actor)
    {
        if (actor.Kind != ActorKind.Person)
        {
            throw new ProcedureException(StatusCodes.Status403Forbidden, "person_required",
                "此环节须由工作人员本人办理（系统客户端不能代办）。", "This step is done by a person signed in, not by a system client.");
        }
    }

    internal static void Configure(EntityTypeBuilder<Determination> determination)
    {
        determination.ToTable("determinations");
        determination.HasRowVersion();
        determination.HasKey(d => d.Key);
        determination.HasIndex(d => d.DeterminationId).IsUnique();
        determination.HasIndex(d => d.ApplicationId).IsUnique();
        determination.Property(d => d.Scheme).HasConversion<string>().HasMaxLength(32);
        determination.Property(d => d.ApplicantIdNumber).HasMaxLength(18);
        determination.Property(d => d.ApplicantName).HasMaxLength(50);
        determination.Property(d => d.County).HasMaxLength(6);
        determination.Property(d => d.HukouCounty).HasMaxLength(6);
        determination.Property(d => d.Township).HasMaxLength(12);
        determination.Property(d => d.Village).HasMaxLength(12);
        determination.Property(d => d.AreaType).HasConversion<string>().HasMaxLength(16);
        determination.Property(d => d.Stage).HasConversion<string>().HasMaxLength(16);
        determination.Property(d => d.Members).HasJsonConversion();
        determination.Property(d => d.Circumstances).HasJsonConversion();
        determination.Property(d => d.Report).HasJsonConversion();
        determination.Property(d => d.Investigation).HasJsonConversion();
        determination.Property(d => d.Decisions).HasJsonConversion();
        determination.Property(d => d.ExcludedActorIds).HasJsonConversion();
        determination.HasMany(d => d.Objections).WithOne().HasForeignKey(o => o.DeterminationKey).OnDelete(DeleteBehavior.Cascade);
        determination.HasIndex(d => new { d.County, d.Township, d.Stage });
        // The public list: proposals under disclosure by township.
        determination.HasIndex(d => new { d.Township, d.DisclosureEndsAt }).HasFilter("stage = 'Disclosure'");
    }
}
