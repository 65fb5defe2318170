using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Oversight.Evaluation;

/// <summary>
/// An application decided (R21: decisions and time to decision); a later decision (after a review) replaces the earlier.
/// One per application, with one statement of work: taken in batches (issue 22), the batch's decisions written with one
/// statement, the latest of each application (a statement may not update one row twice).
/// </summary>
public sealed class EligibilityAssessedEvaluationConsumer(OversightDbContext db, ILogger<EligibilityAssessedEvaluationConsumer> logger)
    : IdempotentBatchConsumer<EligibilityAssessed, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(IReadOnlyList<ConsumeContext<EligibilityAssessed>> messages, CancellationToken ct)
    {
        var decided = messages.Select(m => m.Message).GroupBy(m => m.ApplicationId).Select(g => g.MaxBy(m => m.AssessedAt)!)
            .OrderBy(m => m.ApplicationId) // the same order in every batch: no deadlock between two of them
            .ToList();
        return Db.Database.ExecuteSqlAsync($"""
            INSERT INTO decided_applications (application_id, scheme, outcome, decided_at)
            SELECT * FROM unnest({decided.Select(m => m.ApplicationId).ToArray()}::uuid[], {decided.Select(m => WireName.Of(m.Scheme)).ToArray()}::text[],
                                 {decided.Select(m => WireName.Of(m.Outcome)).ToArray()}::text[], {decided.Select(m => m.AssessedAt.UtcDateTime).ToArray()}::timestamptz[])
            ON CONFLICT (application_id) DO UPDATE SET outcome = excluded.outcome, decided_at = excluded.decided_at
            WHERE decided_applications.decided_at < excluded.decided_at
            """, ct);
    }
}

/// <summary>
/// Sums what statements settled per county, month and purpose, with the lines paid by their due day (R19, R21).
/// A campaign settles thousands of events' worth a minute, every one adding to the same few totals: taken in
/// batches (issue 22), a batch's sums are added with one statement, so concurrent transactions queue on those
/// rows once per batch instead of once per event.
/// </summary>
public sealed class PaymentsSettledEvaluationConsumer(OversightDbContext db, ILogger<PaymentsSettledEvaluationConsumer> logger)
    : IdempotentBatchConsumer<PaymentsSettled, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(IReadOnlyList<ConsumeContext<PaymentsSettled>> messages, CancellationToken ct)
    {
        var totals = messages.SelectMany(m => m.Message.Payments)
            .GroupBy(p => (p.County, Month: MonthOf(p.SettledAt), p.Purpose))
            .Select(g => (g.Key, Amount: g.Sum(p => p.Amount), Lines: g.LongCount(),
                OnTime: g.LongCount(p => p.DueDate is { } due && ChinaTime.DateOf(p.SettledAt) <= due)))
            .OrderBy(t => t.Key) // the same order in every batch: no deadlock between two of them
            .ToList();
        return Db.Database.ExecuteSqlAsync($"""
            INSERT INTO paid_totals (county, month, purpose, settled_amount, returned_amount, settled_lines, on_time_lines)
            SELECT county, month, purpose, amount, 0, lines, on_time
            FROM unnest({totals.Select(t => t.Key.County).ToArray()}::text[], {totals.Select(t => t.Key.Month).ToArray()}::date[],
                        {totals.Select(t => t.Key.Purpose).ToArray()}::text[], {totals.Select(t => t.Amount).ToArray()}::numeric[],
                        {totals.Select(t => t.Lines).ToArray()}::bigint[], {totals.Select(t => t.OnTime).ToArray()}::bigint[])
                 AS t(county, month, purpose, amount, lines, on_time)
            ON CONFLICT (county, month, purpose) DO UPDATE SET settled_amount = paid_totals.settled_amount + excluded.settled_amount,
                settled_lines = paid_totals.settled_lines + excluded.settled_lines, on_time_lines = paid_totals.on_time_lines + excluded.on_time_lines
            """, ct);
    }

    internal static DateOnly MonthOf(DateTimeOffset at)
    {
        var day = ChinaTime.DateOf(at);
        return new DateOnly(day.Year, day.Month, 1);
    }
}

/// <summary>Money the bank sent back after settling is no longer paid: subtracted in the month it came back.</summary>
public sealed class PaymentReturnedEvaluationConsumer(OversightDbContext db, ILogger<PaymentReturnedEvaluationConsumer> logger)
    : IdempotentConsumer<PaymentFailed, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(PaymentFailed message, ConsumeContext<PaymentFailed> context) =>
        !message.Returned
            ? Task.CompletedTask
            : Db.Database.ExecuteSqlAsync($"""
                INSERT INTO paid_totals (county, month, purpose, settled_amount, returned_amount, settled_lines, on_time_lines)
                VALUES ({message.County}, {PaymentsSettledEvaluationConsumer.MonthOf(message.FailedAt)}, {message.Purpose}, 0, {message.Amount}, 0, 0)
                ON CONFLICT (county, month, purpose) DO UPDATE SET returned_amount = paid_totals.returned_amount + excluded.returned_amount
                """, context.CancellationToken);
}

public sealed class LeadRaisedEvaluationConsumer(OversightDbContext db, ILogger<LeadRaisedEvaluationConsumer> logger)
    : IdempotentConsumer<LeadRaised, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(LeadRaised message, ConsumeContext<LeadRaised> context) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO seen_leads (lead_id, county, found_at, deadline) VALUES ({message.LeadId}, {message.County}, {message.FoundAt}, {message.FollowUpDeadline})
            ON CONFLICT (lead_id) DO UPDATE SET found_at = excluded.found_at -- its overdue notice came first
            """, context.CancellationToken);
}

/// <summary>A lead gone overdue; if it arrives before the lead itself, the lead is remembered from it.</summary>
public sealed class LeadOverdueEvaluationConsumer(OversightDbContext db, ILogger<LeadOverdueEvaluationConsumer> logger)
    : IdempotentConsumer<LeadOverdue, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(LeadOverdue message, ConsumeContext<LeadOverdue> context) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO seen_leads (lead_id, county, found_at, deadline, overdue_at)
            VALUES ({message.LeadId}, {message.County}, {message.FollowUpDeadline}, {message.FollowUpDeadline}, {message.DetectedAt})
            ON CONFLICT (lead_id) DO UPDATE SET overdue_at = excluded.overdue_at
            """, context.CancellationToken);
}

public sealed class HotlineCallEvaluationConsumer(OversightDbContext db, ILogger<HotlineCallEvaluationConsumer> logger)
    : IdempotentConsumer<HotlineCallRecorded, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(HotlineCallRecorded message, ConsumeContext<HotlineCallRecorded> context) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO seen_hotline_calls (ticket_id, county, received_at, first_answered_at)
            VALUES ({message.TicketId}, {message.County}, {message.ReceivedAt}, {message.FirstAnsweredAt})
            ON CONFLICT (ticket_id) DO NOTHING
            """, context.CancellationToken);
}
