using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Deliveries;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.Notification.Webhooks;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Notification.Planning;

/// <summary>The person a notice is for, when there is one.</summary>
public sealed record NoticePerson(string IdNumber, string Name, string? Phone);

/// <summary>Something that happened on the platform that people or systems are told about.</summary>
/// <param name="EventKey">Its business identity: the same key never notifies the same recipient on the same channel twice.</param>
public sealed record Occurrence(string EventType, string EventKey, NoticeFacts Facts, Guid? ApplicationId, NoticePerson? Person);

/// <summary>
/// Turns an occurrence into deliveries: an inbox message and an SMS for the person it concerns, a
/// webhook call for each subscribed system. Runs inside the consumer's transaction, so the
/// deliveries, the inbox row of the message and any <see cref="NotificationsDelivered"/> commit together.
/// </summary>
public sealed class NotificationPlanner(NotificationDbContext db, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider clock)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<int> PlanAsync(Occurrence occurrence, CancellationToken ct) => PlanAsync([occurrence], ct);

    /// <summary>
    /// Plans many occurrences at once (a reconciliation's thousands of settled payments): the templates
    /// and the subscriptions are read once for all of them, the deliveries written with one statement.
    /// </summary>
    public async Task<int> PlanAsync(IReadOnlyList<Occurrence> occurrences, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        if (occurrences.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var eventTypes = occurrences.Select(o => o.EventType).Distinct().ToList();
        var templates = (await db.Templates.AsNoTracking().Where(t => eventTypes.Contains(t.EventType)).ToListAsync(ct))
            .ToDictionary(t => (t.EventType, t.Language));
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Active && s.EventTypes.Any(type => eventTypes.Contains(type)))
            .ToListAsync(ct);
        var planned = new List<Delivery>();
        var seen = new HashSet<(string EventKey, DeliveryChannel Channel, string RecipientKey)>();
        foreach (var occurrence in occurrences)
        {
            Plan(occurrence, seen, templates, subscriptions, now, planned);
        }

        // What was told before (a republished event) is not written again; only what is new counts.
        var written = await DeliveryWriter.WriteAsync(db, planned, ct);
        var delivered = planned.Where(d => d.Channel == DeliveryChannel.Inbox && written.Contains(d.DeliveryId)).ToList();
        AnnounceDelivered(delivered);
        foreach (var _ in delivered)
        {
            metrics.Delivered(DeliveryChannel.Inbox, 0);
        }

        return written.Count;
    }

    private void Plan(Occurrence occurrence, HashSet<(string EventKey, DeliveryChannel Channel, string RecipientKey)> seen,
        Dictionary<(string EventType, string Language), Template> templates, List<Subscription> subscriptions, DateTimeOffset now, List<Delivery> planned)
    {
        if (occurrence.Person is { } person && NotificationEventTypes.ToPersons.Contains(occurrence.EventType))
        {
            var language = options.Value.DefaultLanguage;
            var text = TextOf(templates, occurrence.EventType, language);
            var title = TemplateRenderer.Render(text.Title, occurrence.Facts, language);
            var body = TemplateRenderer.Render(text.Body, occurrence.Facts, language);

            if (seen.Add((occurrence.EventKey, DeliveryChannel.Inbox, person.IdNumber)))
            {
                // The inbox is this service's own store: writing the message is delivering it.
                var inbox = NewDelivery(occurrence, DeliveryChannel.Inbox, person.IdNumber, language, title, body, now);
                inbox.Status = DeliveryStatus.Delivered;
                inbox.DeliveredAt = now;
                planned.Add(inbox);
            }

            if (person.Phone is { Length: > 0 } phone && seen.Add((occurrence.EventKey, DeliveryChannel.Sms, person.IdNumber)))
            {
                var sms = NewDelivery(occurrence, DeliveryChannel.Sms, person.IdNumber, language, title, $"【{options.Value.SmsSignature}】{body}", now);
                sms.Phone = phone;
                planned.Add(sms);
            }
        }

        foreach (var subscription in subscriptions.Where(s => s.Wants(occurrence.EventType, occurrence.Facts.County)))
        {
            var recipient = subscription.SubscriptionId.ToString("N");
            if (!seen.Add((occurrence.EventKey, DeliveryChannel.Webhook, recipient)))
            {
                continue;
            }

            var text = TextOf(templates, occurrence.EventType, subscription.Language);
            var webhook = NewDelivery(occurrence, DeliveryChannel.Webhook, recipient, subscription.Language,
                TemplateRenderer.Render(text.Title, occurrence.Facts, subscription.Language), "", now);
            webhook.SubscriptionId = subscription.SubscriptionId;
            webhook.Body = Payload(webhook, occurrence, TemplateRenderer.Render(text.Body, occurrence.Facts, subscription.Language));
            planned.Add(webhook);
        }
    }

    /// <summary>Tells intake's timelines that applicants were notified: one message for all the deliveries given.</summary>
    public void AnnounceDelivered(IEnumerable<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var notices = deliveries
            .Where(d => d.IsPersonal && d.ApplicationId is not null)
            .Select(d => new NotificationDelivered(d.DeliveryId, d.ApplicationId, WireName.Of(d.Channel), d.EventType, d.DeliveredAt ?? clock.GetUtcNow()))
            .ToList();
        if (notices.Count > 0)
        {
            db.AddToOutbox(new NotificationsDelivered(notices));
        }
    }

    private static TemplateText TextOf(Dictionary<(string EventType, string Language), Template> stored, string eventType, string language) =>
        stored.TryGetValue((eventType, language), out var template)
            ? new TemplateText(template.Title, template.Body)
            : TemplateCatalog.Definitions[eventType].In(language);

    private static Delivery NewDelivery(Occurrence occurrence, DeliveryChannel channel, string recipient, string language, string title, string body, DateTimeOffset now) => new()
    {
        DeliveryId = Guid.CreateVersion7(now),
        EventKey = occurrence.EventKey,
        EventType = occurrence.EventType,
        Channel = channel,
        RecipientKey = recipient,
        ApplicationId = occurrence.ApplicationId,
        County = occurrence.Facts.County,
        Language = language,
        Title = title,
        Body = body,
        Status = DeliveryStatus.Pending,
        NextAttemptAt = now,
        OccurredAt = occurrence.Facts.OccurredAt,
        CreatedAt = now,
    };

    /// <summary>
    /// The webhook body: what happened, where, a readable summary, and the facts with personal data
    /// masked; receivers read the full record through the API with their own access rights.
    /// </summary>
    private static string Payload(Delivery delivery, Occurrence occurrence, string summary)
    {
        var facts = occurrence.Facts;
        var payload = new WebhookPayload(
            delivery.DeliveryId, occurrence.EventType, facts.OccurredAt, facts.County, occurrence.ApplicationId, facts.Reference, summary,
            new WebhookData(
                facts.PersonIdNumber is null ? null : PersonalData.MaskIdNumber(facts.PersonIdNumber),
                facts.PersonName is null ? null : PersonalData.MaskName(facts.PersonName),
                facts.Scheme, facts.Category, facts.Amount, facts.Purpose, facts.ReasonZh, facts.ReasonEn));
        return JsonSerializer.Serialize(payload, PayloadJson);
    }
}

public sealed record WebhookPayload(Guid Id, string Type, DateTimeOffset OccurredAt, string County, Guid? ApplicationId, string Reference, string Summary, WebhookData Data);

public sealed record WebhookData(string? PersonIdNumber, string? PersonName, Scheme? Scheme, string? Category, decimal? Amount, string? Purpose, string? ReasonZh, string? ReasonEn);
