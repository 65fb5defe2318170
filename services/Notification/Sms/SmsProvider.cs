using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Deliveries;

namespace ReliefPlatform.Notification.Sms;

/// <param name="MessageId">The delivery id: providers de-duplicate on it (Aliyun's OutId, Tencent's SessionContext), so a retry after a lost answer sends nothing twice.</param>
public sealed record SmsMessage(Guid MessageId, string Phone, string Text);

/// <summary>Sends an SMS through a provider. One implementation per provider; configuration picks it (README).</summary>
public interface ISmsProvider
{
    Task<SendResult> SendAsync(SmsMessage message, CancellationToken ct);
}

/// <summary>
/// Records what would be sent instead of sending it (local runs, tests, acceptance), queryable through
/// the API. Like a real provider it accepts each message id once. Numbers starting with
/// <see cref="SandboxSmsOptions.FailPrefix"/> are refused, to rehearse failures.
/// </summary>
public sealed class SandboxSmsProvider(IServiceScopeFactory scopes, IOptions<SandboxSmsOptions> options, TimeProvider clock) : ISmsProvider
{
    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (options.Value.FailPrefix is { Length: > 0 } prefix && message.Phone.StartsWith(prefix, StringComparison.Ordinal))
        {
            return new SendResult(false, Error: "sandbox: number refused by the carrier");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sandbox_sms (message_id, phone, text, sent_at) VALUES ({message.MessageId}, {message.Phone}, {message.Text}, {clock.GetUtcNow()}) ON CONFLICT (message_id) DO NOTHING",
            ct);
        return SendResult.Success();
    }
}

public sealed class SandboxSmsOptions
{
    public const string SectionName = "Notifications:SandboxSms";

    /// <summary>Numbers with this prefix fail (empty: none).</summary>
    public string FailPrefix { get; set; } = "";
}

/// <summary>An SMS the sandbox provider accepted.</summary>
public sealed class SandboxSms
{
    public long Key { get; set; }
    public Guid MessageId { get; set; }
    public string Phone { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }

    public static void Configure(EntityTypeBuilder<SandboxSms> sms)
    {
        sms.ToTable("sandbox_sms");
        sms.HasKey(s => s.Key);
        sms.HasIndex(s => s.MessageId).IsUnique();
        sms.HasIndex(s => s.Phone);
        sms.Property(s => s.Phone).HasMaxLength(20);
    }
}
