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
/// <see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>): the applications whose row a batch changes are read
/// with one query, the others' keys with one more, and the batch's steps written with one statement
/// (<see cref="TimelineWriter"/>); each message is applied in its order on the queue.
/// </summary>
public abstract class TimelineConsumer<TMessage>(IntakeDbContext db, TimeProvider clock, ILogger logger)
    : IdempotentBatchConsumer<TMessage, IntakeDbContext>(db, logger)
    where TMessage : class
{
    /// <summary>
    /// The applications whose own row the message may change (its status, decision, the people it keeps open), which
    /// <see cref="Apply"/> is given; none for a grant or payment that did not start from one (a campaign, R12). Apply
    /// finds only these: what it looks for beyond them is taken as unknown to intake (logged, not recorded), so a
    /// message's steps are either named here or given as notes (<see cref="NotesOf"/>), decided by one predicate.
    /// </summary>
    protected abstract IEnumerable<Guid?> ApplicationsOf(TMessage message);

    /// <summary>
    /// Steps that only add a note to an application's timeline and leave the application as it is (most of them: the
    /// notices told): written with the application's key, without reading, tracking or locking the application.
    /// </summary>
    protected virtual IEnumerable<(Guid? ApplicationId, TimelineEntry Step)> NotesOf(TMessage message, Guid messageId) => [];

    /// <summary>Records one message on the applications it changes (<paramref name="find"/> gives the ones of <see cref="ApplicationsOf"/> intake knows).</summary>
    protected abstract void Apply(TMessage message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now);

    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken ct)
    {
        var ids = messages.SelectMany(m => ApplicationsOf(m.Message)).OfType<Guid>().Distinct().ToArray();
        var notes = messages.SelectMany(m => NotesOf(m.Message, m.MessageId!.Value)).ToList();
        if (ids.Length == 0 && notes.Count == 0)
        {
            return; // a campaign's payments pass by without a query
        }

        // Locked until the commit, in key order: an application's events arrive on several queues at once (a grant, and
        // the notice of the money a few milliseconds later), and a batch that lost the race on one row would roll back
        // all of its messages and retry them; waiting for the row instead costs the other batch's commit only. The lock
        // is FOR NO KEY UPDATE (what an UPDATE of the row takes): the steps' foreign keys take KEY SHARE, so notes
        // written meanwhile do not wait for it — notices are most of an application's events, and at 50 urgent
        // applications/s batches waited 39 s a minute on these rows when notes locked them too.
        var applications = ids.Length == 0 ? [] : await Db.Applications
            .FromSql($"SELECT *, xmin FROM applications WHERE application_id = ANY({ids}) ORDER BY key FOR NO KEY UPDATE")
            .Include(a => a.Persons).ToDictionaryAsync(a => a.ApplicationId, ct);
        var noted = notes.Select(n => n.ApplicationId).OfType<Guid>().Where(id => !applications.ContainsKey(id)).Distinct().ToArray();
        var keys = noted.Length == 0 ? [] : await Db.Applications.Where(a => noted.Contains(a.ApplicationId))
            .Select(a => new { a.ApplicationId, a.Key }).ToDictionaryAsync(a => a.ApplicationId, a => a.Key, ct);
        foreach (var application in applications.Values)
        {
            keys[application.ApplicationId] = application.Key;
        }

        var now = clock.GetUtcNow();
        Func<Guid?, Application?> find = id => Known(applications, id) ? applications[id!.Value] : null;
        foreach (var context in messages)
        {
            Apply(context.Message, context.MessageId!.Value, find, now);
        }

        // The steps the read applications gained (their timelines were not read, so these are all new) are written with
        // the notes; EF writes the applications' own changes. Taken off before EF detects them, so none is written twice.
        var steps = new List<KeyedStep>(notes.Count + applications.Count * 2);
        foreach (var application in applications.Values)
        {
            steps.AddRange(application.Timeline.Select(step => new KeyedStep(application.Key, step)));
            application.Timeline.Clear();
        }

        foreach (var (applicationId, step) in notes)
        {
            if (Known(keys, applicationId))
            {
                steps.Add(new KeyedStep(keys[applicationId!.Value], step));
            }
        }

        await TimelineWriter.WriteAsync(Db, steps, ct);
    }

    private bool Known<TValue>(Dictionary<Guid, TValue> known, Guid? applicationId)
    {
        if (applicationId is null)
        {
            return false;
        }

        if (!known.ContainsKey(applicationId.Value))
        {
            Logger.LogWarning(LogEvents.UnknownSubject, "{Event} names application {ApplicationId}, which intake does not know; nothing recorded", typeof(TMessage).Name, applicationId);
            return false;
        }

        return true;
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
    protected override IEnumerable<Guid?> ApplicationsOf(ProcedureStepRecorded message) => MovesApplication(message) ? [message.ApplicationId] : [];

    protected override IEnumerable<(Guid? ApplicationId, TimelineEntry Step)> NotesOf(ProcedureStepRecorded message, Guid messageId) =>
        MovesApplication(message) ? [] : [(message.ApplicationId, TimelineEntry.Create(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, messageId))];

    /// <summary>Verification moves the status to "assessed" and a review reopens the decision; every other step is a note.</summary>
    private static bool MovesApplication(ProcedureStepRecorded message) => message.Step is "verified" or "review-requested";

    protected override void Apply(ProcedureStepRecorded message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (!MovesApplication(message) || find(message.ApplicationId) is not { } application)
        {
            return;
        }

        if (message.Step == "verified")
        {
            application.Record(ApplicationStatus.Assessed, message.OccurredAt, message.TextZh, message.TextEn, messageId, now);
        }
        else
        {
            application.ReopenForReview(message.OccurredAt, message.TextZh, message.TextEn, messageId, now);
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
    protected override IEnumerable<Guid?> ApplicationsOf(NotificationsDelivered message) =>
        message.Notices.Where(NotificationDeliveredTimelineConsumer.MovesStatus).Select(n => n.ApplicationId);

    protected override IEnumerable<(Guid? ApplicationId, TimelineEntry Step)> NotesOf(NotificationsDelivered message, Guid messageId) =>
        message.Notices.SelectMany(n => NotificationDeliveredTimelineConsumer.NoteOf(n, messageId));

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
    protected override IEnumerable<Guid?> ApplicationsOf(NotificationDelivered message) => MovesStatus(message) ? [message.ApplicationId] : [];

    protected override IEnumerable<(Guid? ApplicationId, TimelineEntry Step)> NotesOf(NotificationDelivered message, Guid messageId) => NoteOf(message, messageId);

    /// <summary>
    /// Only being told that the money arrived is the "notified" step of the application; earlier notices (received,
    /// approved…) are notes on the timeline that leave its status.
    /// </summary>
    internal static bool MovesStatus(NotificationDelivered notice) => notice.EventType == NotificationEventTypes.PaymentSettled;

    protected override void Apply(NotificationDelivered message, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now) =>
        Record(message, messageId, find, now);

    /// <summary>The notice that moves the status, on its application.</summary>
    internal static void Record(NotificationDelivered notice, Guid messageId, Func<Guid?, Application?> find, DateTimeOffset now)
    {
        if (MovesStatus(notice) && find(notice.ApplicationId) is { } application)
        {
            var (zh, en) = Told(notice);
            application.Record(ApplicationStatus.Notified, notice.DeliveredAt, zh, en, messageId, now);
        }
    }

    /// <summary>Any other notice, as a note.</summary>
    internal static IEnumerable<(Guid? ApplicationId, TimelineEntry Step)> NoteOf(NotificationDelivered notice, Guid messageId)
    {
        if (MovesStatus(notice))
        {
            return [];
        }

        var (zh, en) = Told(notice);
        return [(notice.ApplicationId, TimelineEntry.Create(ApplicationStatus.Notified, notice.DeliveredAt, zh, en, messageId))];
    }

    private static (string Zh, string En) Told(NotificationDelivered notice) =>
        ($"已通知申请人（{notice.Channel}，{notice.EventType}）。", $"Applicant notified ({notice.Channel}, {notice.EventType}).");
}
