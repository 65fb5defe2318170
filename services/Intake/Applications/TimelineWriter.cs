using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Intake.Data;

namespace ReliefPlatform.Intake.Applications;

/// <summary>A step for an application known by its key.</summary>
public readonly record struct KeyedStep(long ApplicationKey, TimelineEntry Step);

/// <summary>
/// Writes a batch's timeline steps with one statement inside the caller's transaction (issue 22): an urgent application
/// gathers a dozen steps from the events of five services, and EF writes each step it tracks as a statement of its own,
/// with the step tracked, its SQL generated and its key read back. The steps are a log nobody changes afterwards, so
/// nothing needs their keys or tracking.
/// </summary>
public static class TimelineWriter
{
    public static Task WriteAsync(IntakeDbContext db, IReadOnlyList<KeyedStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            return Task.CompletedTask;
        }

        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO application_timeline (application_key, stage, occurred_at, detail_zh, detail_en, source_message_id)
            SELECT * FROM unnest(
                {steps.Select(s => s.ApplicationKey).ToArray()}::bigint[], {steps.Select(s => s.Step.Stage.ToString()).ToArray()}::text[],
                {steps.Select(s => s.Step.OccurredAt.UtcDateTime).ToArray()}::timestamptz[], {steps.Select(s => s.Step.DetailZh).ToArray()}::text[],
                {steps.Select(s => s.Step.DetailEn).ToArray()}::text[], {steps.Select(s => s.Step.SourceMessageId).ToArray()}::uuid[])
            """, ct);
    }
}
