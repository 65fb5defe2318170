using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Deliveries;
using ReliefPlatform.Notification.Sms;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Notification.Inbox;

public sealed record InboxMessage(Guid MessageId, string EventType, string Title, string Body, Guid? ApplicationId, string County, DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt);

public sealed record InboxPage(int Page, int PageSize, int Total, int Unread, IReadOnlyList<InboxMessage> Items);

public sealed record SandboxSmsView(Guid MessageId, string Phone, string Text, DateTimeOffset SentAt);

/// <summary>A person's in-app messages, for frontends, and what the sandbox SMS provider would have sent.</summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/inbox").WithTags("Inbox")
            .RequireCountyOf("messageId", (http, id, ct) => http.RequestServices.GetRequiredService<NotificationDbContext>().Deliveries
                .Where(d => d.DeliveryId == id).Select(d => d.County).FirstOrDefaultAsync(ct));
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("A person's messages by ID number, newest first, with the unread count; filter unread=true");
        group.MapPost("/{messageId:guid}/read", MarkReadAsync).WithIdempotency("notification-inbox-mark-read").WithSummary("Mark a message read (idempotent)");
        group.MapPost("/{messageId:guid}/unread", MarkUnreadAsync).WithIdempotency("notification-inbox-mark-unread").WithSummary("Mark a message unread again");

        // Full phone numbers of every county: operators of the whole province only (and notifications.manage, see AccessPolicy).
        app.MapGet("/api/notifications/sandbox/sms", SandboxSmsAsync).WithTags("Sandbox SMS").ProvinceWide()
            .WithSummary("What the sandbox SMS provider accepted, newest first, by phone number (local runs and tests)");
        return group;
    }

    private static InboxMessage View(Delivery d) =>
        new(d.DeliveryId, d.EventType, d.Title, d.Body, d.ApplicationId, d.County, d.OccurredAt, d.CreatedAt, d.ReadAt is not null, d.ReadAt);

    internal static async Task<Results<Ok<InboxPage>, ValidationProblem>> ListAsync(HttpContext http, NotificationDbContext db, TimeProvider clock, CancellationToken ct,
        string? idNumber = null, bool? unread = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var person = errors.IdNumber("idNumber", idNumber, ChinaTime.Today(clock));
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // A county's client sees only the messages about its county's cases.
        var inbox = Caller.Of(http).Visible(db.Deliveries.AsNoTracking().Where(d => d.Channel == DeliveryChannel.Inbox && d.RecipientKey == person), d => d.County);

        var unreadCount = await inbox.CountAsync(d => d.ReadAt == null, ct);
        var query = unread == true ? inbox.Where(d => d.ReadAt == null) : inbox;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new InboxPage(page, pageSize, total, unreadCount, items.Select(View).ToList()));
    }

    internal static Task<Results<Ok<InboxMessage>, ProblemHttpResult>> MarkReadAsync(Guid messageId, NotificationDbContext db, TimeProvider clock, CancellationToken ct) =>
        SetReadAsync(messageId, read: true, db, clock, ct);

    internal static Task<Results<Ok<InboxMessage>, ProblemHttpResult>> MarkUnreadAsync(Guid messageId, NotificationDbContext db, TimeProvider clock, CancellationToken ct) =>
        SetReadAsync(messageId, read: false, db, clock, ct);

    private static async Task<Results<Ok<InboxMessage>, ProblemHttpResult>> SetReadAsync(Guid messageId, bool read, NotificationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var message = await db.Deliveries.SingleOrDefaultAsync(d => d.DeliveryId == messageId && d.Channel == DeliveryChannel.Inbox, ct);
        if (message is null)
        {
            return ApiProblems.NotFound("message_not_found", $"没有站内消息 {messageId}。", $"There is no inbox message {messageId}.");
        }

        var (was, now) = (message.ReadAt, clock.GetUtcNow());
        message.ReadAt = read ? message.ReadAt ?? now : null;
        if (message.ReadAt != was)
        {
            // A delivery's own changes are its log's; what a person does to one is on the audit trail (see Delivery).
            AuditTrail.Record(db, nameof(Delivery), message.DeliveryId.ToString(), read ? "read" : "unread", message.County,
                new { ReadAt = new { from = was, to = message.ReadAt } }, now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(message));
    }

    internal static async Task<Results<Ok<List<SandboxSmsView>>, ValidationProblem>> SandboxSmsAsync(NotificationDbContext db, CancellationToken ct,
        string? phone = null, int limit = 50)
    {
        if (limit is < 1 or > 500)
        {
            return ApiProblems.Validation("limit", "1 到 500 条。", "Between 1 and 500.");
        }

        var query = db.Set<SandboxSms>().AsNoTracking();
        if (phone is not null) query = query.Where(s => s.Phone == phone);
        var sent = await query.OrderByDescending(s => s.Key).Take(limit)
            .Select(s => new SandboxSmsView(s.MessageId, s.Phone, s.Text, s.SentAt))
            .ToListAsync(ct);
        return TypedResults.Ok(sent);
    }
}
