using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Intake.Applications;

/// <summary>
/// Builds an application's timeline from the other services' events. Each event is handled once
/// (inbox); the timeline keeps every step and the status only moves forward.
/// </summary>
public abstract class TimelineConsumer<TMessage>(IntakeDbContext db, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, IntakeDbContext>(db, logger)
    where TMessage : class
{
    protected ILogger Logger { get; } = logger;

    protected TimeProvider Clock { get; } = clock;

    protected async Task<Application?> FindAsync(Guid? applicationId, CancellationToken ct)
    {
        if (applicationId is null)
        {
            return null; // a grant or payment that did not start from an application (a campaign, R12)
        }

        var application = await Db.Applications.Include(a => a.Persons).FirstOrDefaultAsync(a => a.ApplicationId == applicationId, ct);
        if (application is null)
        {
            Logger.LogWarning(LogEvents.UnknownSubject, "{Event} names application {ApplicationId}, which intake does not know; nothing recorded", typeof(TMessage).Name, applicationId);
        }

        return application;
    }

    protected static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}

public sealed class EligibilityAssessedTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<EligibilityAssessedTimelineConsumer> logger)
    : TimelineConsumer<EligibilityAssessed>(db, clock, logger)
{
    protected override async Task HandleAsync(EligibilityAssessed message, ConsumeContext<EligibilityAssessed> context)
    {
        if (await FindAsync(message.ApplicationId, context.CancellationToken) is not { } application)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var amount = message.MonthlyAmount is { } monthly ? $"；月保障金额 {Yuan(monthly)} 元" : "";
        var amountEn = message.MonthlyAmount is { } m ? $"; monthly amount CNY {Yuan(m)}" : "";
        // A decision already taken stands: a late or repeated assessment is noted, never applied (a review reopens it first).
        if (application.Decision is not null)
        {
            application.Note(ApplicationStatus.Assessed, message.AssessedAt, $"收到迟到的评估结果（未采用）：{message.ReasonZh}", $"A late assessment (not applied): {message.ReasonEn}", context.MessageId, now);
            return;
        }

        // Dibao and tekun reach here with the approver's decision; their verification came as a procedure step.
        if (message.Scheme is not (Scheme.Dibao or Scheme.Tekun))
        {
            application.Record(ApplicationStatus.Assessed, message.AssessedAt,
                $"已完成审核：{message.ReasonZh}{amount}", $"Assessed: {message.ReasonEn}{amountEn}", context.MessageId, now);
        }

        if (message.Outcome == AssessmentOutcome.NotEligible)
        {
            application.Decide(Decision.Refused, message.AssessedAt, message.ReasonZh, message.ReasonEn, context.MessageId, now);
            application.Close(message.AssessedAt, "申请已办结（不予批准）。", "Closed (refused).", context.MessageId, now);
        }
        else if (message.Scheme is Scheme.Dibao or Scheme.Tekun)
        {
            // Dibao and tekun end with enrolment on the roster; monthly payments belong to the roster, not the application.
            application.Decide(Decision.Approved, message.AssessedAt, message.ReasonZh, message.ReasonEn, context.MessageId, now);
            application.Close(message.AssessedAt, "申请已办结（已纳入保障）。", "Closed (enrolled).", context.MessageId, now);
        }
    }
}

/// <summary>
/// The steps of a dibao or tekun application's procedure (R3, R20) on its timeline: verification moves it
/// to "assessed" (under review); the other steps are noted without moving the status; the decision comes
/// as <see cref="EligibilityAssessed"/>.
/// </summary>
public sealed class ProcedureStepTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<ProcedureStepTimelineConsumer> logger)
    : TimelineConsumer<ProcedureStepRecorded>(db, clock, logger)
{
    protected override async Task HandleAsync(ProcedureStepRecorded message, ConsumeContext<ProcedureStepRecorded> context)
    {
        if (await FindAsync(message.ApplicationId, context.CancellationToken) is not { } application)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        if (message.Step == "verified")
        {
            application.Record(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, context.MessageId, now);
        }
        else if (message.Step == "review-requested")
        {
            application.ReopenForReview(message.OccurredAt, message.TextZh, message.TextEn, context.MessageId, now);
        }
        else
        {
            application.Note(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, context.MessageId, now);
        }
    }
}

public sealed class GrantApprovedTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<GrantApprovedTimelineConsumer> logger)
    : TimelineConsumer<GrantApproved>(db, clock, logger)
{
    protected override async Task HandleAsync(GrantApproved message, ConsumeContext<GrantApproved> context)
    {
        if (await FindAsync(message.ApplicationId, context.CancellationToken) is not { } application)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        if (application.Decision is null)
        {
            application.Decide(Decision.Approved, message.ApprovedAt, "临时救助已批准", "temporary assistance approved", context.MessageId, now);
        }

        application.Record(ApplicationStatus.Granted, message.ApprovedAt,
            $"已批准救助金 {Yuan(message.Amount)} 元。", $"Grant of CNY {Yuan(message.Amount)} approved.", context.MessageId, now);
    }
}

/// <summary>Closes the applications whose payment settled; a campaign's payments (no application, R12) pass by without a query.</summary>
public sealed class PaymentsSettledTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<PaymentsSettledTimelineConsumer> logger)
    : TimelineConsumer<PaymentsSettled>(db, clock, logger)
{
    protected override async Task HandleAsync(PaymentsSettled message, ConsumeContext<PaymentsSettled> context)
    {
        var ofApplications = message.Payments.Where(p => p.ApplicationId is not null).ToList();
        if (ofApplications.Count == 0)
        {
            return;
        }

        var ids = ofApplications.Select(p => p.ApplicationId!.Value).Distinct().ToList();
        var applications = await Db.Applications.Include(a => a.Persons).Where(a => ids.Contains(a.ApplicationId))
            .ToDictionaryAsync(a => a.ApplicationId, context.CancellationToken);
        var now = Clock.GetUtcNow();
        foreach (var payment in ofApplications)
        {
            if (!applications.TryGetValue(payment.ApplicationId!.Value, out var application))
            {
                Logger.LogWarning(LogEvents.UnknownSubject, "A settled payment names application {ApplicationId}, which intake does not know; nothing recorded", payment.ApplicationId);
                continue;
            }

            application.Record(ApplicationStatus.Paid, payment.SettledAt,
                $"已发放 {Yuan(payment.Amount)} 元。", $"CNY {Yuan(payment.Amount)} paid.", context.MessageId, now);
            application.Close(payment.SettledAt, "申请已办结（已发放）。", "Closed (paid).", context.MessageId, now);
        }
    }
}

public sealed class PaymentFailedTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<PaymentFailedTimelineConsumer> logger)
    : TimelineConsumer<PaymentFailed>(db, clock, logger)
{
    protected override async Task HandleAsync(PaymentFailed message, ConsumeContext<PaymentFailed> context)
    {
        if (await FindAsync(message.ApplicationId, context.CancellationToken) is not { } application)
        {
            return;
        }

        // Recorded as a step of the grant: the status does not move, the family and caseworker see why the money is late.
        application.Record(ApplicationStatus.Granted, message.FailedAt,
            $"发放 {Yuan(message.Amount)} 元未成功（{message.ReasonZh}），将重新发放。", $"Payment of CNY {Yuan(message.Amount)} failed ({message.ReasonEn}); it will be reissued.",
            context.MessageId, Clock.GetUtcNow());
    }
}

/// <summary>
/// Each notice told (an SMS, an inbox message) on the applicant's timeline: the most frequent event an application
/// has (every step is told on two channels), so it is taken in batches (<see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>).
/// </summary>
public sealed class NotificationDeliveredTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<NotificationDeliveredTimelineConsumer> logger)
    : IdempotentBatchConsumer<NotificationDelivered, IntakeDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<NotificationDelivered>> messages, CancellationToken ct)
    {
        // A notice of no application (a campaign's, R12) passes by without a query.
        var ids = messages.Select(m => m.Message.ApplicationId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var applications = await Db.Applications.Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        var now = clock.GetUtcNow();
        foreach (var context in messages)
        {
            var message = context.Message;
            if (message.ApplicationId is not { } applicationId)
            {
                continue;
            }

            if (!applications.TryGetValue(applicationId, out var application))
            {
                Logger.LogWarning(LogEvents.UnknownSubject, "{Event} names application {ApplicationId}, which intake does not know; nothing recorded", nameof(NotificationDelivered), applicationId);
                continue;
            }

            var (zh, en) = ($"已通知申请人（{message.Channel}，{message.EventType}）。", $"Applicant notified ({message.Channel}, {message.EventType}).");
            // Only being told that the money arrived is the "notified" step of the application; earlier
            // notices (received, approved…) are recorded on the timeline without moving its status.
            if (message.EventType == NotificationEventTypes.PaymentSettled)
            {
                application.Record(ApplicationStatus.Notified, message.DeliveredAt, zh, en, context.MessageId, now);
            }
            else
            {
                application.Note(ApplicationStatus.Notified, message.DeliveredAt, zh, en, context.MessageId, now);
            }
        }
    }
}
