using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Notification.Deliveries;

public sealed record DeliveryView(Guid DeliveryId, string EventType, string EventKey, DeliveryChannel Channel, string Recipient, Guid? SubscriptionId,
    Guid? ApplicationId, string County, string Language, DeliveryStatus Status, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, string? LastError)
{
    /// <summary>Person recipients are masked: the delivery log is read by operators, not caseworkers.</summary>
    public static DeliveryView From(Delivery d) => new(d.DeliveryId, d.EventType, d.EventKey, d.Channel,
        d.Channel == DeliveryChannel.Webhook ? d.RecipientKey : d.Channel == DeliveryChannel.Sms ? PersonalData.MaskPhone(d.Phone) : PersonalData.MaskIdNumber(d.RecipientKey),
        d.SubscriptionId, d.ApplicationId, d.County, d.Language, d.Status, d.Attempts, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt, d.LastError);
}

public sealed record AttemptView(int Number, DateTimeOffset At, bool Succeeded, int? StatusCode, double LatencyMs, string? Error);

public sealed record DeliveryDetail(DeliveryView Delivery, IReadOnlyList<AttemptView> Attempts);

public sealed record DeliveryPage(int Page, int PageSize, int Total, IReadOnlyList<DeliveryView> Items);

public sealed record DeliverySummary(IReadOnlyList<DeliveryCount> Counts);

public sealed record DeliveryCount(DeliveryChannel Channel, DeliveryStatus Status, int Count);

public sealed record ReplayRequest(string? Reason);

/// <summary>The delivery log: every notice, every attempt, and replay of dead letters.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/deliveries").WithTags("Delivery log");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Deliveries by channel, status, event type, subscription, application and county; person recipients masked");
        group.MapGet("/summary", SummaryAsync).CountyFiltered().WithSummary("Counts by channel and status (dead letters to look at, retries in progress)");
        group.MapGet("/{deliveryId:guid}", GetAsync).RequireCountyOf<RouteHandlerBuilder, NotificationDbContext>("deliveryId", CountyOf).WithSummary("One delivery with each attempt: when, result, HTTP status, latency, error");
        group.MapPost("/{deliveryId:guid}/replay", ReplayAsync).RequireCountyOf<RouteHandlerBuilder, NotificationDbContext>("deliveryId", CountyOf).WithIdempotency("notification-deliveries-replay").WithSummary("Send a dead-lettered delivery again, as a fresh round of attempts (recorded with who and why)");
        return group;
    }

    private static IQueryable<string> CountyOf(NotificationDbContext db, Guid deliveryId) => db.Deliveries.Where(d => d.DeliveryId == deliveryId).Select(d => d.County);

    internal static async Task<Results<Ok<DeliveryPage>, ValidationProblem, ProblemHttpResult>> ListAsync(HttpContext http, NotificationDbContext db, CancellationToken ct,
        string? channel = null, string? status = null, string? eventType = null, Guid? subscriptionId = null, Guid? applicationId = null,
        string? county = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var channelFilter = channel is null ? null : errors.Enum<DeliveryChannel>("channel", channel);
        var statusFilter = status is null ? null : errors.Enum<DeliveryStatus>("status", status);
        if (county is not null) errors.County("county", county);
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Deliveries.AsNoTracking(), d => d.County);
        if (channelFilter is { } c) query = query.Where(d => d.Channel == c);
        if (statusFilter is { } s) query = query.Where(d => d.Status == s);
        if (eventType is not null) query = query.Where(d => d.EventType == eventType);
        if (subscriptionId is not null) query = query.Where(d => d.SubscriptionId == subscriptionId);
        if (applicationId is not null) query = query.Where(d => d.ApplicationId == applicationId);
        if (county is not null) query = query.Where(d => d.County == county);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryPage(page, pageSize, total, items.Select(DeliveryView.From).ToList()));
    }

    internal static async Task<Ok<DeliverySummary>> SummaryAsync(HttpContext http, NotificationDbContext db, CancellationToken ct)
    {
        var counts = await Caller.Of(http).Visible(db.Deliveries.AsNoTracking(), d => d.County)
            .GroupBy(d => new { d.Channel, d.Status })
            .Select(g => new DeliveryCount(g.Key.Channel, g.Key.Status, g.Count()))
            .ToListAsync(ct);
        return TypedResults.Ok(new DeliverySummary(counts));
    }

    internal static async Task<Results<Ok<DeliveryDetail>, ProblemHttpResult>> GetAsync(Guid deliveryId, NotificationDbContext db, CancellationToken ct)
    {
        var delivery = await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.DeliveryId == deliveryId, ct);
        if (delivery is null)
        {
            return NotFound(deliveryId);
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryKey == delivery.Key).OrderBy(a => a.Key)
            .Select(a => new AttemptView(a.Number, a.At, a.Succeeded, a.StatusCode, a.LatencyMs, a.Error))
            .ToListAsync(ct);
        return TypedResults.Ok(new DeliveryDetail(DeliveryView.From(delivery), attempts));
    }

    internal static async Task<Results<Ok<DeliveryView>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        HttpContext http, Guid deliveryId, ReplayRequest? request, NotificationDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var requestedBy = Caller.Of(http).Actor.Name;
        var reason = errors.Text("reason", request?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.DeliveryId == deliveryId, ct);
        if (delivery is null)
        {
            return NotFound(deliveryId);
        }

        var now = clock.GetUtcNow();
        if (!delivery.Replay(now))
        {
            return ApiProblems.Conflict("delivery_not_dead_lettered",
                $"只能重放已进入死信的投递；该投递状态为 {WireName.Of(delivery.Status)}。",
                $"Only dead-lettered deliveries can be replayed; this one is {WireName.Of(delivery.Status)}.");
        }

        // The attempt log keeps the operator's action beside the failures it answers; the audit trail keeps it under the
        // operator as long as the trail is kept (a delivery's own changes are its log's, not the trail's).
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryKey = delivery.Key, Number = 0, At = now, Succeeded = false, Error = Delivery.ClipError($"replayed by {requestedBy}: {reason}"),
        });
        AuditTrail.Record(db, nameof(Delivery), delivery.DeliveryId.ToString(), "replayed", delivery.County,
            new { Status = new { from = nameof(DeliveryStatus.DeadLettered), to = delivery.Status.ToString() }, Reason = reason }, now);
        await db.SaveChangesAsync(ct);
        loggers.CreateLogger(typeof(DeliveriesApi)).LogInformation("Delivery {DeliveryId} replayed by {RequestedBy}", deliveryId, requestedBy);
        return TypedResults.Ok(DeliveryView.From(delivery));
    }

    private static ProblemHttpResult NotFound(Guid deliveryId) =>
        ApiProblems.NotFound("delivery_not_found", $"没有投递 {deliveryId}。", $"There is no delivery {deliveryId}.");
}
