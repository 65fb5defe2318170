using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Eligibility.Roster;

[JsonConverter(typeof(JsonStringEnumConverter<RecipientCategory>))]
public enum RecipientCategory
{
    [JsonStringEnumMemberName("dibao")] Dibao,
    [JsonStringEnumMemberName("tekun")] Tekun,
    [JsonStringEnumMemberName("near-dibao")] NearDibao,
    [JsonStringEnumMemberName("orphan")] Orphan,
    [JsonStringEnumMemberName("unsupported-child")] UnsupportedChild,
}

public enum ReassessmentOutcome
{
    Continued,
    GradualExitStarted,
    Exited,
    GradualExitContinues,
}

/// <summary>What a reassessment did to a recipient, and the trace step that says why.</summary>
public sealed record ReassessmentEffect(ReassessmentOutcome Outcome, Contracts.Eligibility.RuleTraceStep Trace);

[JsonConverter(typeof(JsonStringEnumConverter<RecipientStatus>))]
public enum RecipientStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("gradual-exit")] GradualExit,
    [JsonStringEnumMemberName("exited")] Exited,
}

/// <summary>An enrolled recipient (a dibao or near-dibao household, a tekun person…) on the roster.</summary>
public sealed class Recipient
{
    public long Key { get; set; }
    public Guid RecipientId { get; set; }
    public RecipientCategory Category { get; set; }
    public RecipientStatus Status { get; set; }
    public string HeadIdNumber { get; set; } = "";
    public string HeadName { get; set; } = "";
    public string County { get; set; } = "";
    public AreaType AreaType { get; set; }
    public decimal MonthlyAmount { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? GradualExitUntil { get; set; }
    public DateOnly? ExitDate { get; set; }
    public Guid? ApplicationId { get; set; }
    public Guid? AssessmentId { get; set; }
    public string? ExitReason { get; set; }

    /// <summary>When the recipient is next re-certified (复核); null for those recognised outside the procedure (children).</summary>
    public DateOnly? NextRecertificationOn { get; set; }
    public List<RosterPerson> Persons { get; set; } = [];

    /// <summary>
    /// R7: income rose above the standard because a member found work: the benefit continues for
    /// <paramref name="months"/> months (policy, at least six), then the household exits.
    /// </summary>
    public void StartGradualExit(DateOnly today, int months)
    {
        if (Status != RecipientStatus.Active)
        {
            throw new RosterTransitionException("Only an active recipient can start a gradual exit.");
        }

        Status = RecipientStatus.GradualExit;
        GradualExitUntil = today.AddMonths(months);
    }

    /// <summary>Income is below the standard again: back to active with the new amount.</summary>
    public void Continue(decimal monthlyAmount)
    {
        if (Status == RecipientStatus.Exited)
        {
            throw new RosterTransitionException("An exited recipient applies again; it is not continued.");
        }

        Status = RecipientStatus.Active;
        GradualExitUntil = null;
        MonthlyAmount = monthlyAmount;
    }

    /// <summary>Exits now. Refused during a gradual-exit period (R7): the household keeps its benefit until the period ends.</summary>
    public void Exit(DateOnly today, string reason)
    {
        if (Status == RecipientStatus.Exited)
        {
            throw new RosterTransitionException("The recipient has already exited.");
        }

        if (Status == RecipientStatus.GradualExit && today < GradualExitUntil)
        {
            throw new RosterTransitionException($"In gradual exit until {GradualExitUntil:yyyy-MM-dd} (R7): it cannot end earlier.");
        }

        Status = RecipientStatus.Exited;
        ExitDate = today;
        ExitReason = reason;
        foreach (var person in Persons)
        {
            person.IsActive = false;
        }
    }

    /// <summary>
    /// What a dibao household's reassessment (R6, R7) does to its place on the roster, with the trace
    /// step that says why: eligible, it stays with the new amount; over the standard because a member
    /// earns more from work (<see cref="WorkIncome.RoseFromWork"/>), an active household starts its gradual exit of <paramref name="gradualExitMonths"/>
    /// months (policy); over the standard otherwise, it exits; already in gradual exit, the benefit goes
    /// on until the period ends (the monthly run ends it then).
    /// </summary>
    public ReassessmentEffect Reassess(decimal? eligibleAmount, bool incomeRoseFromWork, DateOnly today, int gradualExitMonths, string reason)
    {
        if (eligibleAmount is { } amount)
        {
            Continue(amount);
            return new(ReassessmentOutcome.Continued, new("R6", $"继续享受低保，月保障金调整为 {amount:0.00} 元。", $"Stays in dibao; monthly benefit now CNY {amount:0.00}."));
        }

        if (Status == RecipientStatus.Active && incomeRoseFromWork)
        {
            StartGradualExit(today, gradualExitMonths);
            return new(ReassessmentOutcome.GradualExitStarted, new("R7",
                $"因家庭成员劳动收入增加超过标准，给予 {gradualExitMonths} 个月渐退期，至 {GradualExitUntil:yyyy-MM-dd} 期间保障金 {MonthlyAmount:0.00} 元照发。",
                $"Income rose above the standard from a member's work: a {gradualExitMonths}-month gradual exit until {GradualExitUntil:yyyy-MM-dd}, keeping CNY {MonthlyAmount:0.00} a month."));
        }

        if (Status == RecipientStatus.Active)
        {
            Exit(today, reason);
            return new(ReassessmentOutcome.Exited, new("R6", "家庭人均收入不低于低保标准，退出低保。", "Per-capita income is not below the standard: leaves dibao."));
        }

        return new(ReassessmentOutcome.GradualExitContinues,
            new("R7", $"渐退期内，保障金照发至 {GradualExitUntil:yyyy-MM-dd}。", $"In gradual exit: the benefit continues until {GradualExitUntil:yyyy-MM-dd}."));
    }

    /// <summary>Ends a gradual exit whose period is over; true when it did.</summary>
    public bool CompleteGradualExitIfDue(DateOnly today)
    {
        if (Status != RecipientStatus.GradualExit || today < GradualExitUntil)
        {
            return false;
        }

        Exit(today, "渐退期满 / gradual-exit period over (R7)");
        return true;
    }

    /// <summary>Whether the recipient is paid for the month starting <paramref name="monthStart"/>.</summary>
    public bool IsPaidFor(DateOnly monthStart) => Status switch
    {
        RecipientStatus.Active => StartDate < monthStart.AddMonths(1),
        RecipientStatus.GradualExit => monthStart < GradualExitUntil,
        _ => false,
    };

    internal static void Configure(EntityTypeBuilder<Recipient> recipient)
    {
        recipient.ToTable("recipients");
        recipient.HasRowVersion();
        recipient.HasKey(r => r.Key);
        recipient.HasIndex(r => r.RecipientId).IsUnique();
        recipient.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        recipient.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        recipient.Property(r => r.HeadIdNumber).HasMaxLength(18);
        recipient.Property(r => r.HeadName).HasMaxLength(50);
        recipient.Property(r => r.County).HasMaxLength(6);
        recipient.Property(r => r.AreaType).HasConversion<string>().HasMaxLength(16);
        recipient.Property(r => r.MonthlyAmount).HasPrecision(14, 2);
        recipient.HasMany(r => r.Persons).WithOne().HasForeignKey(p => p.RecipientKey).OnDelete(DeleteBehavior.Cascade);
        recipient.Property(r => r.ExitReason).HasMaxLength(500);
        recipient.HasIndex(r => new { r.County, r.Category, r.Status });
        recipient.HasIndex(r => r.NextRecertificationOn).HasFilter("status <> 'Exited'");
    }
}

/// <summary>A person of a roster entry: one active entry per person (so never dibao and tekun at once).</summary>
public sealed class RosterPerson
{
    public long Key { get; set; }
    public long RecipientKey { get; set; }
    public string IdNumber { get; set; } = "";
    public RecipientCategory Category { get; set; }
    public bool IsActive { get; set; }

    public const string OneActiveEntryIndex = "ux_roster_persons_active_person";

    internal static void Configure(EntityTypeBuilder<RosterPerson> person)
    {
        person.ToTable("roster_persons");
        person.HasKey(p => p.Key);
        person.Property(p => p.IdNumber).HasMaxLength(18);
        person.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
        person.HasIndex(p => p.IdNumber).IsUnique().HasFilter("is_active").HasDatabaseName(OneActiveEntryIndex);
    }
}

public sealed class RosterTransitionException(string message) : Exception(message);
