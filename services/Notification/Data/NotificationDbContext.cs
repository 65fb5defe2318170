using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Notification.Deliveries;
using ReliefPlatform.Notification.Planning;
using ReliefPlatform.Notification.Sms;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.Notification.Webhooks;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Notification.Data;

/// <summary>The notification service's own database (notificationdb).</summary>
public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();
        modelBuilder.Entity<Delivery>(Delivery.Configure);
        modelBuilder.Entity<DeliveryAttempt>(DeliveryAttempt.Configure);
        modelBuilder.Entity<Template>(Template.Configure);
        modelBuilder.Entity<Subscription>(Subscription.Configure);
        modelBuilder.Entity<Contact>(Contact.Configure);
        modelBuilder.Entity<ParkedOccurrence>(ParkedOccurrence.Configure);
        modelBuilder.Entity<SandboxSms>(SandboxSms.Configure);
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class NotificationDesignTimeDbContextFactory : DesignTimeDbContextFactory<NotificationDbContext>;
