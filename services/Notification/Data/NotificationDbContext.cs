using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Notification.Data;

/// <summary>The notification service's own database (notificationdb).</summary>
public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddWiringProbes();
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class NotificationDesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<NotificationDbContext>;
