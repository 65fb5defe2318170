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
/// (inbox); the timeline keeps every step and the status only moves forward. Every application has
/// several of these events (and six notices told), so they are taken in batches (issue 22,
/// <see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>): the applications of a batch are read with
/// one query and its steps saved in one transaction; each message is applied in its order on the queue.
/// </summary>
public abstract class TimelineConsumer<TMessage>(IntakeDbContext db, TimeProvider clock, ILogger logger)
    : IdempotentBatchConsumer<TMessage, IntakeDbContext>(db, logger)
    where TMessage : class
{
    /// <summary>The applications a message concerns; none for a grant or payment that did not start from one (a campaign, R12).</summary>
    protected abstract IEnumerable<Guid?> ApplicationsOf(TMessage message);

    /// <summary>Records one message on its applications (<paramref name="find"/> gives the ones intake knows).</summary>
    protected abstract void Apply(TMessage message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now);

    /// <summary>
    /// Whether the message may change an application's own row (its status, decision, the people it keeps open);
    /// false when it only adds notes to timelines, which insert their steps and leave the row as it is, so its batch
    /// reads the applications without locking them. A wrong false costs a retry, not a lost change: the row version
    /// still guards every update.
    /// </summary>
    protected virtual bool ChangesApplications(TMessage message) => true;

    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken ct)
    {
        var ids = messages.SelectMany(m => ApplicationsOf(m.Message)).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return; // a campaign's payments pass by without a query
        }

        // Locked until the commit, in key order: an application's events arrive on several queues at once (a grant, and
        // the inbox notice of it a few milliseconds later), and a batch that lost the race on one row would roll back
        // all of its messages and retry them; waiting for the row instead costs the other batch's commit only. The lock
        // is FOR NO KEY UPDATE (what an UPDATE of the row takes): a batch of notes inserting steps (whose foreign key
        // takes KEY SHARE) does not wait for it, and a batch of notes only takes no lock at all — notices are most of
        // an application's events, and at 50 urgent applications/s their batches waited 39 s a minute on these rows.
        var key = ids.ToArray();
        var query = messages.Any(m => ChangesApplications(m.Message))
            ? Db.Applications.FromSql($"SELECT *, xmin FROM applications WHERE application_id = ANY({key}) ORDER BY key FOR NO KEY UPDATE")
            : Db.Applications.Where(a => key.Contains(a.ApplicationId));
        var applications = await query.Include(a => a.Persons).ToDictionaryAsync(a => a.ApplicationId, ct);
        var now = clock.GetUtcNow();
        Func<Guid?, Application?> find = id => Find(applications, id);
        foreach (var context in messages)
        {
            Apply(context.Message, context.MessageId!.Value, find, now);
        }
    }

    private Application? Find(Dictionary<Guid, Application> applications, Guid? applicationId)
    {
        if (applicationId is null)
        {
            return null;
        }

        if (!applications.TryGetValue(applicationId.Value, out var application))
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
    protected override IEnumerable<Guid?> ApplicationsOf(EligibilityAssessed message) => [message.ApplicationId];

    protected override void Apply(EligibilityAssessed message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (find(message.ApplicationId) is not { } application)
        {
            return;
        }

        var amount = message.MonthlyAmount is { } monthly ? $"；月保障金额 {Yuan(monthly)} 元" : "";
        var amountEn = message.MonthlyAmount is { } m ? $"; monthly amount CNY {Yuan(m)}" : "";
        // A decision already taken stands: a late or repeated assessment is noted, never applied (a review reopens it first).
        if (application.Decision is not null)
        {
            application.Note(ApplicationStatus.Assessed, message.AssessedAt, $"收到迟到的评估结果（未采用）：{message.ReasonZh}", $"A late assessment (not applied): {message.ReasonEn}", messageId);
            return;
        }

        // Dibao and tekun reach here with the approver's decision; their verification came as a procedure step.
        if (message.Scheme is not (Scheme.Dibao or Scheme.Tekun))
        {
            application.Record(ApplicationStatus.Assessed, message.AssessedAt,
                $"已完成审核：{message.ReasonZh}{amount}", $"Assessed: {message.ReasonEn}{amountEn}", messageId, now);
        }

        if (message.Outcome == AssessmentOutcome.NotEligible)
        {
            application.Decide(Decision.Refused, message.AssessedAt, message.ReasonZh, message.ReasonEn, messageId, now);
            application.Close(message.AssessedAt, "申请已办结（不予批准）。", "Closed (refused).", messageId, now);
        }
        else if (message.Scheme is Scheme.Dibao or Scheme.Tekun)
        {
            // Dibao and tekun end with enrolment on the roster; monthly payments belong to the roster, not the application.
            application.Decide(Decision.Approved, message.AssessedAt, message.ReasonZh, message.ReasonEn, messageId, now);
            application.Close(message.AssessedAt, "申请已办结（已纳入保障）。", "Closed (enrolled).", messageId, now);
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
    protected override IEnumerable<Guid?> ApplicationsOf(ProcedureStepRecorded message) => [message.ApplicationId];

    protected override void Apply(ProcedureStepRecorded message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (find(message.ApplicationId) is not { } application)
        {
            return;
        }

        if (message.Step == "verified")
        {
            application.Record(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, messageId, now);
        }
        else if (message.Step == "review-requested")
        {
            application.ReopenForReview(message.OccurredAt, message.TextZh, message.TextEn, messageId, now);
        }
        else
        {
            application.Note(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, messageId);
        }
    }
}

public sealed class GrantApprovedTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<GrantApprovedTimelineConsumer> logger)
    : TimelineConsumer<GrantApproved>(db, clock, logger)
{
    protected override IEnumerable<Guid?> ApplicationsOf(GrantApproved message) => [message.ApplicationId];

    protected override void Apply(GrantApproved message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (find(message.ApplicationId) is not { } application)
        {
            return;
        }

        if (application.Decision is null)
        {
            application.Decide(Decision.Approved, message.ApprovedAt, "临时救助已批准", "temporary assistance approved", messageId, now);
        }

        application.Record(ApplicationStatus.Granted, message.ApprovedAt,
            $"已批准救助金 {Yuan(message.Amount)} 元。", $"Grant of CNY {Yuan(message.Amount)} approved.", messageId, now);
    }
}

/// <summary>Closes the applications whose payment settled; a campaign's payments (no application, R12) pass by without a query.</summary>
public sealed class PaymentsSettledTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<PaymentsSettledTimelineConsumer> logger)
    : TimelineConsumer<PaymentsSettled>(db, clock, logger)
{
    protected override IEnumerable<Guid?> ApplicationsOf(PaymentsSettled message) => message.Payments.Select(p => p.ApplicationId);

    protected override void Apply(PaymentsSettled message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        foreach (var payment in message.Payments.Where(p => p.ApplicationId is not null))
        {
            if (find(payment.ApplicationId) is not { } application)
            {
                continue;
            }

            application.Record(ApplicationStatus.Paid, payment.SettledAt,
                $"已发放 {Yuan(payment.Amount)} 元。", $"CNY {Yuan(payment.Amount)} paid.", messageId, now);
            application.Close(payment.SettledAt, "申请已办结（已发放）。", "Closed (paid).", messageId, now);
        }
    }
}

public sealed class PaymentFailedTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<PaymentFailedTimelineConsumer> logger)
    : TimelineConsumer<PaymentFailed>(db, clock, logger)
{
    protected override IEnumerable<Guid?> ApplicationsOf(PaymentFailed message) => [message.ApplicationId];

    protected override void Apply(PaymentFailed message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (find(message.ApplicationId) is not { } application)
        {
            return;
        }

        // Recorded as a step of the grant: the status does not move, the family and caseworker see why the money is late.
        application.Record(ApplicationStatus.Granted, message.FailedAt,
            $"发放 {Yuan(message.Amount)} 元未成功（{message.ReasonZh}），将重新发放。", $"Payment of CNY {Yuan(message.Amount)} failed ({message.ReasonEn}); it will be reissued.",
            messageId, now);
    }
}

/// <summary>
/// Each notice told (an SMS, an inbox message) on the applicant's timeline: the most frequent event an application
/// has (every step is told on two channels). Notification announces the notices one of its transactions delivered in
/// one message (issue 22: one message for a round of them).
/// </summary>
public sealed class NotificationsDeliveredTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<NotificationsDeliveredTimelineConsumer> logger)
    : TimelineConsumer<NotificationsDelivered>(db, clock, logger)
{
    protected override IEnumerable<Guid?> ApplicationsOf(NotificationsDelivered message) => message.Notices.Select(n => n.ApplicationId);

    protected override bool ChangesApplications(NotificationsDelivered message) => message.Notices.Any(NotificationDeliveredTimelineConsumer.MovesStatus);

    protected override void Apply(NotificationsDelivered message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        foreach (var notice in message.Notices)
        {
            NotificationDeliveredTimelineConsumer.Record(notice, messageId, find, now);
        }
    }
}

/// <summary>One notice delivered, as notification announced each before <see cref="NotificationsDelivered"/> (messages still queued at an upgrade).</summary>
public sealed class NotificationDeliveredTimelineConsumer(IntakeDbContext db, TimeProvider clock, ILogger<NotificationDeliveredTimelineConsumer> logger)
    : TimelineConsumer<NotificationDelivered>(db, clock, logger)
{
    protected override IEnumerable<Guid?> ApplicationsOf(NotificationDelivered message) => [message.ApplicationId];

    protected override bool ChangesApplications(NotificationDelivered message) => MovesStatus(message);

    /// <summary>
    /// Only being told that the money arrived is the "notified" step of the application; earlier notices (received,
    /// approved…) are recorded on the timeline without moving its status.
    /// </summary>
    internal static bool MovesStatus(NotificationDelivered notice) => notice.EventType == NotificationEventTypes.PaymentSettled;

    protected override void Apply(NotificationDelivered message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now) =>
        Record(message, messageId, find, now);

    internal static void Record(NotificationDelivered message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (find(message.ApplicationId) is not { } application)
        {
            return;
        }

        var (zh, en) = ($"已通知申请人（{message.Channel}，{message.EventType}）。", $"Applicant notified ({message.Channel}, {message.EventType}).");
        if (MovesStatus(message))
        {
            application.Record(ApplicationStatus.Notified, message.DeliveredAt, zh, en, messageId, now);
        }
        else
        {
            application.Note(ApplicationStatus.Notified, message.DeliveredAt, zh, en, messageId);
        }
    }
}
