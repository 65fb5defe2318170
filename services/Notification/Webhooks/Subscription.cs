using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Notification.Webhooks;

/// <summary>A provincial system's standing request to be called back when events of some types happen in some counties.</summary>
public sealed class Subscription
{
    public long Key { get; set; }
    public Guid SubscriptionId { get; set; }
    public string Name { get; set; } = "";
    public string CallbackUrl { get; set; } = "";
    public List<string> EventTypes { get; set; } = [];

    /// <summary>Empty: every county of the province.</summary>
    public List<string> Counties { get; set; } = [];

    /// <summary>The language of the payload's human-readable summary.</summary>
    public string Language { get; set; } = "";

    /// <summary>The signing secret (<c>whsec_…</c>); shown once, when the subscription is created or the secret rotated.</summary>
    public string Secret { get; set; } = "";

    public bool Active { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool Wants(string eventType, string county) =>
        Active && EventTypes.Contains(eventType) && (Counties.Count == 0 || Counties.Contains(county));

    public static void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("subscriptions");
        subscription.HasRowVersion();
        subscription.HasKey(s => s.Key);
        subscription.HasAlternateKey(s => s.SubscriptionId);
        subscription.Property(s => s.Name).HasMaxLength(100);
        subscription.Property(s => s.CallbackUrl).HasMaxLength(2000);
        subscription.Property(s => s.Language).HasMaxLength(8);
        subscription.Property(s => s.Secret).HasMaxLength(100);
        subscription.Property(s => s.CreatedBy).HasMaxLength(50);
        subscription.HasIndex(s => s.Active);
    }
}
