using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Planning;
using ReliefPlatform.Notification.Sms;
using ReliefPlatform.Notification.Webhooks;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Notification.Deliveries;

/// <summary>
/// Sends due SMS and webhook deliveries. A batch is claimed with SKIP LOCKED and a lease, then sent
/// outside any transaction (a slow receiver holds no lock); each attempt's result is recorded with its
/// latency. A replica that dies mid-send leaves its lease to expire and another sends again; the
/// delivery id travels with every attempt (SMS out-id, <c>webhook-id</c>), so receivers can drop the
/// repeat.
/// </summary>
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    IOptions<NotificationOptions> options,
    ISmsProvider sms,
    WebhookSender webhooks,
    NotificationMetrics metrics,
    [FromKeyedServices(DeliveryWorker.SmsConnector)] ConnectorStatus smsConnector,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : PeriodicWorker(clock, logger, leader: null)
{
    /// <summary>The SMS provider's name in health and metrics (issue 24).</summary>
    public const string SmsConnector = "sms";

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Activity => "Sending notifications";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(settings, stoppingToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        var subscriptionIds = claimed.Where(d => d.SubscriptionId is not null).Select(d => d.SubscriptionId!.Value).Distinct().ToList();
        Dictionary<Guid, Subscription> subscriptions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            subscriptions = await db.Subscriptions.AsNoTracking()
                .Where(s => subscriptionIds.Contains(s.SubscriptionId))
                .ToDictionaryAsync(s => s.SubscriptionId, stoppingToken);
        }

        var sent = new System.Collections.Concurrent.ConcurrentBag<Sent>();
        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = stoppingToken },
                async (delivery, ct) => sent.Add(await SendAsync(delivery, delivery.SubscriptionId is { } id ? subscriptions.GetValueOrDefault(id) : null, ct)));
        }
        finally
        {
            // What was sent is recorded even when the service stops meanwhile: an SMS sent and not recorded would go
            // to the family again once its lease ran out.
            await RecordAllAsync([.. sent], settings);
        }

        return claimed.Count == settings.BatchSize;
    }

    private sealed record Sent(Delivery Claimed, SendResult Result, TimeSpan Latency, string? SubscriptionName);

    /// <summary>
    /// The batch's results in one transaction (issue 22: a transaction per SMS was most of this worker's cost in a
    /// surge). Should one of them have been taken over meanwhile (its lease ran out during a slow send), each is
    /// recorded on its own, so the others keep their results.
    /// </summary>
    private async Task RecordAllAsync(IReadOnlyList<Sent> sent, NotificationOptions settings)
    {
        if (sent.Count == 0)
        {
            return;
        }

        try
        {
            await RecordAsync(sent, settings);
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var one in sent)
            {
                try
                {
                    await RecordAsync([one], settings);
                }
                catch (DbUpdateConcurrencyException)
                {
                    Logger.LogInformation("Delivery {DeliveryId} was taken over by another attempt while it was sent; its result is left to that one", one.Claimed.DeliveryId);
                }
            }
        }
    }

    /// <summary>
    /// Claims a batch of due deliveries with one statement: the rows are chosen with SKIP LOCKED (another replica takes
    /// others) and leased in the same UPDATE (issue 22: a SELECT and an UPDATE per delivery in a transaction before).
    /// </summary>
    private async Task<List<Delivery>> ClaimAsync(NotificationOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var now = Clock.GetUtcNow();
        var leaseUntil = now + settings.Lease;
        return await db.Deliveries
            .FromSql($"""
                UPDATE deliveries AS d SET lease_until = {leaseUntil}
                FROM (SELECT key FROM deliveries
                      WHERE status IN ('Pending', 'Retrying') AND next_attempt_at <= {now} AND (lease_until IS NULL OR lease_until < {now})
                      ORDER BY next_attempt_at LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED) AS due
                WHERE d.key = due.key
                RETURNING d.*, d.xmin
                """)
            .AsNoTracking()
            .ToListAsync(ct);
    }

    private async Task<Sent> SendAsync(Delivery claimed, Subscription? subscription, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        SendResult result;
        try
        {
            result = claimed.Channel switch
            {
                DeliveryChannel.Sms => await sms.SendAsync(new SmsMessage(claimed.DeliveryId, claimed.Phone ?? "", claimed.Body), ct),
                DeliveryChannel.Webhook => await webhooks.SendAsync(claimed, subscription, ct),
                _ => new SendResult(false, Error: $"{claimed.Channel} is not sent by the worker", Permanent: true),
            };
            if (claimed.Channel == DeliveryChannel.Sms)
            {
                // Sent, or refused for this message (a number the carrier does not know): either way the provider answered.
                smsConnector.Answered();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            result = new SendResult(false, Error: exception.GetType().Name + ": " + exception.Message);
            if (claimed.Channel == DeliveryChannel.Sms)
            {
                // The provider did not answer at all (unreachable, timed out): the connector's failure, not this message's.
                smsConnector.Failed(result.Error!);
            }
        }

        return new Sent(claimed, result, Stopwatch.GetElapsedTime(started), subscription?.Name);
    }

    private async Task RecordAsync(IReadOnlyList<Sent> sent, NotificationOptions settings)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var planner = scope.ServiceProvider.GetRequiredService<NotificationPlanner>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var keys = sent.Select(s => s.Claimed.Key).ToList();
        var deliveries = await db.Deliveries.Where(d => keys.Contains(d.Key)).ToDictionaryAsync(d => d.Key, CancellationToken.None);
        var now = Clock.GetUtcNow();
        var schedule = new RetrySchedule(settings.FirstRetryDelay, settings.MaxRetryDelay);
        var recorded = new List<(Delivery Delivery, DeliveryStatus Status, Sent Sent)>();
        var delivered = new List<Delivery>();
        foreach (var one in sent)
        {
            var delivery = deliveries[one.Claimed.Key];
            var wasDelivered = delivery.Status == DeliveryStatus.Delivered;
            var status = delivery.RecordAttempt(one.Result, now, schedule, settings.MaxAttempts);
            db.DeliveryAttempts.Add(new DeliveryAttempt
            {
                DeliveryKey = delivery.Key, Number = delivery.Attempts, At = now, Succeeded = one.Result.Succeeded, StatusCode = one.Result.StatusCode,
                LatencyMs = one.Latency.TotalMilliseconds, Error = one.Result.Succeeded ? null : delivery.LastError,
            });
            if (status == DeliveryStatus.Delivered && !wasDelivered)
            {
                delivered.Add(delivery);
            }

            recorded.Add((delivery, status, one));
        }

        planner.AnnounceDelivered(delivered);

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        foreach (var (delivery, status, one) in recorded)
        {
            var latency = one.Latency.TotalMilliseconds;
            switch (status)
            {
                case DeliveryStatus.Delivered:
                    metrics.Delivered(delivery.Channel, latency);
                    break;
                case DeliveryStatus.Retrying:
                    metrics.Failed(delivery.Channel, latency, retrying: true, one.SubscriptionName);
                    Logger.LogWarning(LogEvents.DeliveryRetrying, "Delivery {DeliveryId} ({Channel}) failed attempt {Attempt}: {Error}; retrying at {NextAttemptAt}",
                        delivery.DeliveryId, delivery.Channel, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt);
                    break;
                case DeliveryStatus.DeadLettered:
                    metrics.Failed(delivery.Channel, latency, retrying: false, one.SubscriptionName);
                    Logger.LogError(LogEvents.DeliveryDeadLettered, "Delivery {DeliveryId} ({Channel}) dead-lettered after {Attempts} attempts: {Error}",
                        delivery.DeliveryId, delivery.Channel, delivery.Attempts, delivery.LastError);
                    break;
            }
        }
    }
}
