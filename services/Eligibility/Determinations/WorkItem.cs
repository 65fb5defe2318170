using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>The steps a unit works on, each with its time limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkKind>))]
public enum WorkKind
{
    /// <summary>Household investigation and proposal (入户调查), by the township.</summary>
    [JsonStringEnumMemberName("investigate")] Investigate,

    /// <summary>An objection lodged during disclosure, to resolve with a reason.</summary>
    [JsonStringEnumMemberName("resolve-objection")] ResolveObjection,

    /// <summary>The approver's decision, due by the application's time limit.</summary>
    [JsonStringEnumMemberName("decide")] Decide,

    /// <summary>A recipient's scheduled re-certification (复核).</summary>
    [JsonStringEnumMemberName("recertify")] Recertify,

    /// <summary>The bank could not pay the recipient's account: the township has it corrected (issue 18).</summary>
    [JsonStringEnumMemberName("correct-account")] CorrectAccount,
}

/// <summary>
/// One step waiting for a unit (a township, or the county) and optionally one person, due on a day
/// set by the policy's time limits (issue 17). At most one open item per step and subject.
/// </summary>
public sealed class WorkItem
{
    public long Key { get; set; }
    public Guid WorkItemId { get; set; }
    public WorkKind Kind { get; set; }

    /// <summary>The determination (or, for re-certification, the recipient) the step is about.</summary>
    public Guid SubjectId { get; set; }
    public string County { get; set; } = "";

    /// <summary>The unit that does the step: the township, or the county when the case names none or the step is the county's.</summary>
    public string Unit { get; set; } = "";
    public string? AssigneeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }

    public const string OneOpenIndex = "ux_work_items_open";

    internal static void Configure(EntityTypeBuilder<WorkItem> item)
    {
        item.ToTable("work_items");
        item.HasKey(w => w.Key);
        item.HasIndex(w => w.WorkItemId).IsUnique();
        item.Property(w => w.Kind).HasConversion<string>().HasMaxLength(32);
        item.Property(w => w.County).HasMaxLength(6);
        item.Property(w => w.Unit).HasMaxLength(12);
        item.Property(w => w.AssigneeId).HasMaxLength(100);
        item.Property(w => w.DoneBy).HasMaxLength(100);
        item.HasIndex(w => new { w.Kind, w.SubjectId }).IsUnique().HasFilter("done_at IS NULL").HasDatabaseName(OneOpenIndex);
        item.HasIndex(w => new { w.County, w.Unit, w.DueOn }).HasFilter("done_at IS NULL");
    }
}

/// <summary>Opens and closes work items within the caller's unit of work (saved with the step that causes them).</summary>
public static class WorkQueue
{
    public static void Open(DbContext db, WorkKind kind, Guid subjectId, string county, string? unit, DateOnly dueOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<WorkItem>().Add(new WorkItem
        {
            WorkItemId = Guid.CreateVersion7(now), Kind = kind, SubjectId = subjectId, County = county, Unit = unit ?? county, CreatedAt = now, DueOn = dueOn,
        });
    }

    /// <summary>Marks the open items of <paramref name="kinds"/> about the subject done.</summary>
    public static async Task CloseAsync(DbContext db, Guid subjectId, string doneBy, DateTimeOffset now, CancellationToken ct, params WorkKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Set<WorkItem>().Where(w => w.SubjectId == subjectId && w.DoneAt == null && kinds.Contains(w.Kind)).ToListAsync(ct);
        foreach (var item in open)
        {
            item.DoneAt = now;
            item.DoneBy = doneBy;
        }
    }
}
