using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Notification.Webhooks;

/// <param name="Name">Which system this is, for operators (e.g. "省大救助信息平台").</param>
/// <param name="CallbackUrl">Where deliveries are POSTed: https, on a public address.</param>
/// <param name="EventTypes">Any of application.received, application.approved, application.refused, grant.approved, payment.settled, payment.failed, lead.overdue, review.overdue, hardship.warning.</param>
/// <param name="Counties">County codes to hear about; empty or absent: every county of the province.</param>
/// <param name="Language">Language of each payload's summary: zh-CN (default) or en.</param>
public sealed record SubscriptionRequest(string? Name, string? CallbackUrl, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? Counties, string? Language);

public sealed record SubscriptionView(Guid SubscriptionId, string Name, string CallbackUrl, IReadOnlyList<string> EventTypes, IReadOnlyList<string> Counties,
    string Language, bool Active, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt)
{
    public static SubscriptionView From(Subscription s) =>
        new(s.SubscriptionId, s.Name, s.CallbackUrl, s.EventTypes, s.Counties, s.Language, s.Active, s.CreatedBy, s.CreatedAt, s.DeactivatedAt);
}

/// <summary>The subscription and, once, its signing secret: store it; the platform never shows it again.</summary>
public sealed record SubscriptionCreated(SubscriptionView Subscription, string Secret, string SignatureScheme);

/// <summary>Webhook subscriptions of provincial systems.</summary>
public static class SubscriptionsApi
{
    public const string SignatureSchemeDescription =
        "Standard Webhooks: HMAC-SHA256 with base64-decoded secret (after whsec_) over \"{webhook-id}.{webhook-timestamp}.{body}\"; header webhook-signature: v1,{base64}";

    public static RouteGroupBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        // Subscriptions are provincial systems' integrations (event types × counties): managed province-wide.
        var group = app.MapGroup("/api/notifications/subscriptions").WithTags("Webhook subscriptions").ProvinceWide();
        group.MapPost("/", CreateAsync).WithIdempotency("notification-subscriptions")
            .WithSummary("Subscribe a system's callback URL to event types and counties; returns the signing secret once");
        group.MapGet("/", ListAsync).WithSummary("Subscriptions (secrets are never listed)");
        group.MapGet("/{subscriptionId:guid}", GetAsync).WithSummary("One subscription");
        group.MapPost("/{subscriptionId:guid}/rotate-secret", RotateAsync).WithIdempotency("notification-subscriptions-rotate").WithSummary("A new signing secret, returned once; the old one stops signing at once");
        group.MapDelete("/{subscriptionId:guid}", DeactivateAsync).WithSummary("Stop deliveries to a subscription (its history is kept)");
        return group;
    }

    internal static async Task<Results<Created<SubscriptionCreated>, ValidationProblem>> CreateAsync(
        HttpContext http, SubscriptionRequest? request, NotificationDbContext db, IOptions<NotificationOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", request?.Name, 100);
        var createdBy = Caller.Of(http).Actor.Name;
        var url = errors.Text("callbackUrl", request?.CallbackUrl, 2000);
        var allowInternal = options.Value.Webhooks.AllowPrivateAddresses;
        if (url is not null && CallbackAddressPolicy.CheckForm(url, allowInternal) is { } formProblem)
        {
            errors.Add("callbackUrl", formProblem.Zh, formProblem.En);
            url = null;
        }

        var eventTypes = request?.EventTypes?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (eventTypes.Count == 0)
        {
            errors.Add("eventTypes", "至少订阅一种事件。", "Subscribe to at least one event type.");
        }

        for (var i = 0; i < eventTypes.Count; i++)
        {
            if (!NotificationEventTypes.All.Contains(eventTypes[i]))
            {
                errors.Add($"eventTypes[{i}]", $"未知事件类型；可用：{string.Join(", ", NotificationEventTypes.All)}。",
                    $"Unknown event type; available: {string.Join(", ", NotificationEventTypes.All)}.");
            }
        }

        var counties = request?.Counties?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        for (var i = 0; i < counties.Count; i++)
        {
            errors.County($"counties[{i}]", counties[i]);
        }

        var language = request?.Language ?? Languages.Chinese;
        if (!Languages.IsKnown(language))
        {
            errors.Add("language", "只支持 zh-CN 或 en。", "Only zh-CN or en.");
        }

        if (url is not null && await CallbackAddressPolicy.CheckAddressAsync(url, allowInternal, ct) is { } addressProblem)
        {
            errors.Add("callbackUrl", addressProblem.Zh, addressProblem.En);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            SubscriptionId = Guid.CreateVersion7(now), Name = name!, CallbackUrl = url!, EventTypes = eventTypes, Counties = counties,
            Language = language, Secret = WebhookSignature.NewSecret(), Active = true, CreatedBy = createdBy!, CreatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/notifications/subscriptions/{subscription.SubscriptionId}",
            new SubscriptionCreated(SubscriptionView.From(subscription), subscription.Secret, SignatureSchemeDescription));
    }

    internal static async Task<Ok<List<SubscriptionView>>> ListAsync(NotificationDbContext db, CancellationToken ct, bool? active = null)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (active is { } a) query = query.Where(s => s.Active == a);
        var subscriptions = await query.OrderBy(s => s.Key).ToListAsync(ct);
        return TypedResults.Ok(subscriptions.Select(SubscriptionView.From).ToList());
    }

    internal static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> GetAsync(Guid subscriptionId, NotificationDbContext db, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.SubscriptionId == subscriptionId, ct);
        return subscription is null ? NotFound(subscriptionId) : TypedResults.Ok(SubscriptionView.From(subscription));
    }

    internal static async Task<Results<Ok<SubscriptionCreated>, ProblemHttpResult>> RotateAsync(Guid subscriptionId, NotificationDbContext db, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.SubscriptionId == subscriptionId, ct);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        if (!subscription.Active)
        {
            return ApiProblems.Conflict("subscription_inactive", "该订阅已停用。", "The subscription is deactivated.");
        }

        subscription.Secret = WebhookSignature.NewSecret();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SubscriptionCreated(SubscriptionView.From(subscription), subscription.Secret, SignatureSchemeDescription));
    }

    internal static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> DeactivateAsync(
        Guid subscriptionId, NotificationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.SubscriptionId == subscriptionId, ct);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        if (subscription.Active)
        {
            subscription.Active = false;
            subscription.DeactivatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(SubscriptionView.From(subscription));
    }

    private static ProblemHttpResult NotFound(Guid subscriptionId) =>
        ApiProblems.NotFound("subscription_not_found", $"没有订阅 {subscriptionId}。", $"There is no subscription {subscriptionId}.");
}
