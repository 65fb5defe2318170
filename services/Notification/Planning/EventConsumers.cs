using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Notification.Planning;

/// <summary>
/// The base of the event consumers here that take one message at a time (the frequent ones take batches,
/// <see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>): at most once per message id (the inbox), at most once per
/// event key and recipient and channel (the deliveries' unique key), whatever RabbitMQ does.
/// </summary>
public abstract class NoticeConsumer<TMessage>(NotificationDbContext db, NotificationPlanner planner, ILogger logger)
    : IdempotentConsumer<TMessage, NotificationDbContext>(db, logger) where TMessage : class
{
    protected NotificationPlanner Planner { get; } = planner;

    /// <summary>The phone number to tell a payee on: the application's applicant, else the person's latest application.</summary>
    protected async Task<NoticePerson> PayeeAsync(Guid? applicationId, string idNumber, string name, CancellationToken ct) =>
        (await PayeesAsync([(applicationId, idNumber, name)], ct))[0];

    /// <summary>The people to tell about many payments, in their order, with two queries whatever their number.</summary>
    protected Task<IReadOnlyList<NoticePerson>> PayeesAsync(IReadOnlyList<(Guid? ApplicationId, string IdNumber, string Name)> payees, CancellationToken ct) =>
        NoticePeople.PayeesAsync(Db, payees, ct);
}

/// <summary>
/// Serializes work on an application across this service's consumers (transaction-scoped), so an assessment parked
/// for want of its applicant and the applicant's arrival never miss each other.
/// </summary>
public static class ApplicationLocks
{
    /// <summary>Locks the applications until the transaction ends, in one order (<see cref="TransactionLocks"/>), so two batches never wait for each other in a circle.</summary>
    public static Task LockAsync(NotificationDbContext db, IEnumerable<Guid> applicationIds, CancellationToken ct) =>
        TransactionLocks.LockAsync(db, applicationIds.Select(id => id.ToString()), space: 0, ct);
}

/// <summary>Who is told about a payment, and on which phone.</summary>
public static class NoticePeople
{
    /// <summary>The people to tell about many payments, in their order, with two queries whatever their number.</summary>
    public static async Task<IReadOnlyList<NoticePerson>> PayeesAsync(NotificationDbContext db, IReadOnlyList<(Guid? ApplicationId, string IdNumber, string Name)> payees, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payees);
        var applicationIds = payees.Where(p => p.ApplicationId is not null).Select(p => p.ApplicationId!.Value).Distinct().ToList();
        var byApplication = applicationIds.Count == 0
            ? []
            : await db.Set<Contact>().AsNoTracking().Where(c => applicationIds.Contains(c.ApplicationId)).ToDictionaryAsync(c => c.ApplicationId, ct);
        var idNumbers = payees.Select(p => p.IdNumber).Distinct().ToList();
        var latest = (await db.Set<Contact>().AsNoTracking().Where(c => idNumbers.Contains(c.IdNumber)).ToListAsync(ct))
            .GroupBy(c => c.IdNumber)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.ReceivedAt)!);
        return payees.Select(p =>
        {
            var contact = p.ApplicationId is { } id && byApplication.TryGetValue(id, out var applicant) && applicant.IdNumber == p.IdNumber
                ? applicant
                : latest.GetValueOrDefault(p.IdNumber);
            return new NoticePerson(p.IdNumber, p.Name, contact?.Phone);
        }).ToList();
    }
}

/// <summary>
/// The applicant is told the application was received (one per application in a surge): taken in batches
/// (<see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>, issue 22) — the applications locked with one statement,
/// their contacts and parked decisions read with one query each, every notice planned at once.
/// </summary>
public sealed class ApplicationSubmittedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<ApplicationSubmittedNoticeConsumer> logger)
    : IdempotentBatchConsumer<ApplicationSubmitted, NotificationDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<ApplicationSubmitted>> messages, CancellationToken ct)
    {
        var submitted = messages.Select(m => m.Message).DistinctBy(m => m.ApplicationId).ToList();
        var ids = submitted.Select(m => m.ApplicationId).ToList();
        await ApplicationLocks.LockAsync(Db, ids, ct);
        var known = (await Db.Set<Contact>().Where(c => ids.Contains(c.ApplicationId)).Select(c => c.ApplicationId).ToListAsync(ct)).ToHashSet();
        // Decisions that arrived before the application itself (separate queues) are told now.
        var parked = (await Db.Set<ParkedOccurrence>().Where(p => ids.Contains(p.ApplicationId)).ToListAsync(ct)).ToLookup(p => p.ApplicationId);
        var occurrences = new List<Occurrence>();
        foreach (var message in submitted)
        {
            if (!known.Contains(message.ApplicationId))
            {
                Db.Set<Contact>().Add(new Contact
                {
                    ApplicationId = message.ApplicationId, IdNumber = message.ApplicantIdNumber, Name = message.ApplicantName,
                    Phone = message.ApplicantPhone, County = message.ResidenceCounty, ReceivedAt = message.SubmittedAt,
                });
            }

            var person = new NoticePerson(message.ApplicantIdNumber, message.ApplicantName, message.ApplicantPhone);
            occurrences.Add(new Occurrence(NotificationEventTypes.ApplicationReceived, $"{NotificationEventTypes.ApplicationReceived}:{message.ApplicationId}",
                new NoticeFacts(message.SubmittedAt, message.ResidenceCounty, message.ApplicationId.ToString(), message.ApplicantName, message.ApplicantIdNumber, message.Scheme),
                message.ApplicationId, person));
            foreach (var waiting in parked[message.ApplicationId])
            {
                var occurrence = JsonSerializer.Deserialize<Occurrence>(waiting.Occurrence)!;
                var facts = occurrence.Facts with { PersonName = message.ApplicantName, PersonIdNumber = message.ApplicantIdNumber };
                occurrences.Add(occurrence with { Facts = facts, Person = person });
                Db.Set<ParkedOccurrence>().Remove(waiting);
            }
        }

        await planner.PlanAsync(occurrences, ct);
    }
}

/// <summary>
/// R6: the applicant is told the decision: approved with the monthly amount, or refused with the reason in plain words.
/// One assessment per application in a surge (most of them of temporary assistance, whose approval relief's grant
/// tells): taken in batches (issue 22), the applications locked with one statement and their contacts and parked
/// decisions read with one query each.
/// </summary>
public sealed class EligibilityAssessedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<EligibilityAssessedNoticeConsumer> logger)
    : IdempotentBatchConsumer<EligibilityAssessed, NotificationDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<EligibilityAssessed>> messages, CancellationToken ct)
    {
        // An eligible temporary-assistance application is decided by relief's grant (grant.approved, with its amount).
        var decided = messages.Select(m => m.Message)
            .Where(m => !(m.Outcome == AssessmentOutcome.Eligible && m.Scheme == Contracts.Shared.Scheme.TemporaryAssistance)).ToList();
        if (decided.Count == 0)
        {
            return;
        }

        var ids = decided.Select(m => m.ApplicationId).Distinct().ToList();
        await ApplicationLocks.LockAsync(Db, ids, ct);
        var contacts = await Db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.ApplicationId)).ToDictionaryAsync(c => c.ApplicationId, ct);
        // One decision per application is told: a later, contradicting assessment is not (intake keeps the first decision
        // too); the deliveries' unique key keeps the first told, and one parked decision waits per application.
        var keys = ids.Select(EventKeyOf).ToList();
        var parked = (await Db.Set<ParkedOccurrence>().Where(p => keys.Contains(p.EventKey)).Select(p => p.EventKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var occurrences = new List<Occurrence>();
        foreach (var message in decided)
        {
            var eventType = message.Outcome == AssessmentOutcome.Eligible ? NotificationEventTypes.ApplicationApproved : NotificationEventTypes.ApplicationRefused;
            var eventKey = EventKeyOf(message.ApplicationId);
            var contact = contacts.GetValueOrDefault(message.ApplicationId);
            var facts = new NoticeFacts(message.AssessedAt, contact?.County ?? "", message.ApplicationId.ToString(), contact?.Name, contact?.IdNumber,
                message.Scheme, message.Category, message.MonthlyAmount, message.ReasonZh, message.ReasonEn);
            var occurrence = new Occurrence(eventType, eventKey, facts, message.ApplicationId, null);
            if (contact is not null)
            {
                occurrences.Add(occurrence with { Person = new NoticePerson(contact.IdNumber, contact.Name, contact.Phone) });
            }
            else if (parked.Add(eventKey))
            {
                Db.Set<ParkedOccurrence>().Add(new ParkedOccurrence
                {
                    ApplicationId = message.ApplicationId, EventKey = eventKey, Occurrence = JsonSerializer.Serialize(occurrence), ParkedAt = DateTimeOffset.UtcNow,
                });
                Logger.LogInformation("Assessment of application {ApplicationId} arrived before the application; its notice waits for the applicant", message.ApplicationId);
            }
        }

        if (occurrences.Count > 0)
        {
            await planner.PlanAsync(occurrences, ct);
        }
    }

    private static string EventKeyOf(Guid applicationId) => $"application.decided:{applicationId}";
}

/// <summary>
/// The payee is told the grant (one per urgent application in a surge): taken in batches, the payees found and the
/// notices planned for the whole batch at once (<see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>).
/// </summary>
public sealed class GrantApprovedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<GrantApprovedNoticeConsumer> logger)
    : IdempotentBatchConsumer<GrantApproved, NotificationDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<GrantApproved>> messages, CancellationToken ct)
    {
        var grants = messages.Select(m => m.Message).ToList();
        var people = await NoticePeople.PayeesAsync(Db, grants.Select(g => (g.ApplicationId, g.PayeeIdNumber, g.PayeeName)).ToList(), ct);
        await planner.PlanAsync(grants.Select((grant, i) => new Occurrence(NotificationEventTypes.GrantApproved, $"{NotificationEventTypes.GrantApproved}:{grant.EntitlementReference}",
            new NoticeFacts(grant.ApprovedAt, grant.County, grant.EntitlementReference, grant.PayeeName, grant.PayeeIdNumber, Amount: grant.Amount, Purpose: grant.Purpose),
            grant.ApplicationId, people[i])).ToList(), ct);
    }
}

/// <summary>A message is thousands of notices: two at a time keep memory bounded and leave the cores to the payments still flowing.</summary>
public sealed class PaymentsSettledNoticeConsumerDefinition() : ReliefConsumerDefinition<PaymentsSettledNoticeConsumer>(concurrentMessageLimit: 2);

/// <summary>Tells every payee of a reconciliation (R11): one message, thousands of notices, planned together.</summary>
public sealed class PaymentsSettledNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<PaymentsSettledNoticeConsumer> logger)
    : NoticeConsumer<PaymentsSettled>(db, planner, logger)
{
    protected override async Task HandleAsync(PaymentsSettled message, ConsumeContext<PaymentsSettled> context)
    {
        var ct = context.CancellationToken;
        var payments = message.Payments;
        var people = await PayeesAsync(payments.Select(p => (p.ApplicationId, p.PayeeIdNumber, p.PayeeName)).ToList(), ct);
        var occurrences = payments.Select((payment, i) => new Occurrence(NotificationEventTypes.PaymentSettled, $"{NotificationEventTypes.PaymentSettled}:{payment.PaymentId}",
            new NoticeFacts(payment.SettledAt, payment.County, payment.EntitlementReference, payment.PayeeName, payment.PayeeIdNumber,
                Amount: payment.Amount, Purpose: payment.Purpose),
            payment.ApplicationId, people[i])).ToList();
        await Planner.PlanAsync(occurrences, ct);
    }
}

public sealed class PaymentFailedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<PaymentFailedNoticeConsumer> logger)
    : NoticeConsumer<PaymentFailed>(db, planner, logger)
{
    protected override async Task HandleAsync(PaymentFailed message, ConsumeContext<PaymentFailed> context)
    {
        var ct = context.CancellationToken;
        var person = await PayeeAsync(message.ApplicationId, message.PayeeIdNumber, message.PayeeName, ct);
        // Each failure of a payment (a reissue can fail again) is its own notice.
        await Planner.PlanAsync(new Occurrence(NotificationEventTypes.PaymentFailed, $"{NotificationEventTypes.PaymentFailed}:{message.PaymentId}:{message.FailedAt.UtcTicks}",
            new NoticeFacts(message.FailedAt, message.County, message.EntitlementReference, message.PayeeName, message.PayeeIdNumber,
                Amount: message.Amount, ReasonZh: message.ReasonZh, ReasonEn: message.ReasonEn, Purpose: message.Purpose),
            message.ApplicationId, person), ct);
    }
}

/// <summary>R1: provincial systems hear of leads nobody followed up in time.</summary>
public sealed class LeadOverdueNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<LeadOverdueNoticeConsumer> logger)
    : NoticeConsumer<LeadOverdue>(db, planner, logger)
{
    protected override Task HandleAsync(LeadOverdue message, ConsumeContext<LeadOverdue> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.LeadOverdue, $"{NotificationEventTypes.LeadOverdue}:{message.LeadId}",
            new NoticeFacts(message.FollowUpDeadline, message.County, message.LeadId.ToString()), null, null), context.CancellationToken);
}

/// <summary>R8: provincial systems hear of assist-first payments not reviewed in time.</summary>
public sealed class ReviewOverdueNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<ReviewOverdueNoticeConsumer> logger)
    : NoticeConsumer<AssistFirstReviewOverdue>(db, planner, logger)
{
    protected override Task HandleAsync(AssistFirstReviewOverdue message, ConsumeContext<AssistFirstReviewOverdue> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.ReviewOverdue, $"{NotificationEventTypes.ReviewOverdue}:{message.CaseId}",
            new NoticeFacts(message.ReviewDeadline, message.County, message.CaseId.ToString(), Amount: message.AssistFirstAmount),
            message.ApplicationId, null), context.CancellationToken);
}

/// <summary>R2: provincial systems hear of hardship found by dynamic monitoring (the person is not messaged: it is a lead, not a decision).</summary>
public sealed class HardshipWarningNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<HardshipWarningNoticeConsumer> logger)
    : NoticeConsumer<HardshipWarningRaised>(db, planner, logger)
{
    protected override Task HandleAsync(HardshipWarningRaised message, ConsumeContext<HardshipWarningRaised> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.HardshipWarning, $"{NotificationEventTypes.HardshipWarning}:{message.WarningId}",
            new NoticeFacts(message.RaisedAt, message.County, message.WarningId.ToString(), message.Name, message.IdNumber,
                ReasonZh: message.SignalZh, ReasonEn: message.SignalEn),
            null, null), context.CancellationToken);
}

/// <summary>R1: provincial systems hear of each person in difficulty found, to follow the follow-up.</summary>
public sealed class LeadRaisedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<LeadRaisedNoticeConsumer> logger)
    : NoticeConsumer<LeadRaised>(db, planner, logger)
{
    protected override Task HandleAsync(LeadRaised message, ConsumeContext<LeadRaised> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.LeadRaised, $"{NotificationEventTypes.LeadRaised}:{message.LeadId}",
            new NoticeFacts(message.FoundAt, message.County, message.LeadId.ToString(), Category: ServiceDefaults.Http.WireName.Of(message.PriorityGroup)),
            null, null), context.CancellationToken);
}

/// <summary>Provincial systems hear of roster changes (enrolment with its monthly amount; the person was told of the approval).</summary>
public sealed class RecipientEnrolledNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<RecipientEnrolledNoticeConsumer> logger)
    : NoticeConsumer<RecipientEnrolled>(db, planner, logger)
{
    protected override Task HandleAsync(RecipientEnrolled message, ConsumeContext<RecipientEnrolled> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.RecipientEnrolled, $"{NotificationEventTypes.RecipientEnrolled}:{message.RecipientId}",
            new NoticeFacts(ChinaTime.StartOf(message.StartDate), message.County, message.RecipientId.ToString(),
                message.HeadName, message.HeadIdNumber, Category: message.Category, Amount: message.MonthlyAmount),
            message.ApplicationId, null), context.CancellationToken);
}

/// <summary>R7: provincial systems hear of exits from the roster, with the reason.</summary>
public sealed class RecipientExitedNoticeConsumer(NotificationDbContext db, NotificationPlanner planner, ILogger<RecipientExitedNoticeConsumer> logger)
    : NoticeConsumer<RecipientExited>(db, planner, logger)
{
    protected override Task HandleAsync(RecipientExited message, ConsumeContext<RecipientExited> context) =>
        Planner.PlanAsync(new Occurrence(NotificationEventTypes.RecipientExited, $"{NotificationEventTypes.RecipientExited}:{message.RecipientId}:{message.ExitDate:yyyy-MM-dd}",
            new NoticeFacts(ChinaTime.StartOf(message.ExitDate), message.County, message.RecipientId.ToString(),
                Category: message.Category, ReasonZh: message.Reason, ReasonEn: message.Reason),
            null, null), context.CancellationToken);
}

/// <summary>A decision whose applicant is not known yet (it overtook the application on another queue).</summary>
public sealed class ParkedOccurrence
{
    public long Key { get; set; }
    public Guid ApplicationId { get; set; }
    public string EventKey { get; set; } = "";
    public string Occurrence { get; set; } = "";
    public DateTimeOffset ParkedAt { get; set; }

    public static void Configure(EntityTypeBuilder<ParkedOccurrence> parked)
    {
        parked.ToTable("parked_occurrences");
        parked.HasKey(p => p.Key);
        parked.Property(p => p.EventKey).HasMaxLength(120);
        parked.Property(p => p.Occurrence).HasColumnType("jsonb");
        parked.HasIndex(p => p.EventKey).IsUnique();
        parked.HasIndex(p => p.ApplicationId);
    }
}
