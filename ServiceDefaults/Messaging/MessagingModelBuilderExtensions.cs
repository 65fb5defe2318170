using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.ServiceDefaults.Messaging;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Adds the outbox and inbox tables to a service's model (and so to its migrations).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.MessageType).HasMaxLength(512);
            // Text, not jsonb: the body is written once and read once, never queried, and a campaign batch
            // is half a megabyte; parsing it into jsonb and printing it back cost more than the rest of the
            // row. LZ4 compresses what TOAST stores out of line several times faster than the default.
            outbox.Property(m => m.Body).HasColumnType("text").UseCompressionMethod("lz4");
            outbox.Property(m => m.CorrelationId).HasMaxLength(64);
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The relay's query: the oldest available rows first.
            outbox.HasIndex(m => new { m.AvailableAt, m.Id });
        });

        modelBuilder.Entity<ProcessedMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });

        return modelBuilder;
    }
}
