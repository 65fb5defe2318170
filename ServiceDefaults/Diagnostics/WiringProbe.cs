using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.ServiceDefaults.Diagnostics;

/// <summary>A wiring probe as one service saw it: sent by it, or received by it through RabbitMQ.</summary>
public sealed class WiringProbe
{
    public long Id { get; set; }

    public Guid ProbeId { get; set; }

    public string Service { get; set; } = "";

    public WiringProbeDirection Direction { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? CorrelationId { get; set; }

    public string? Note { get; set; }
}

public enum WiringProbeDirection
{
    Sent,
    Received,
}

public static class WiringProbeModelBuilderExtensions
{
    public static ModelBuilder AddWiringProbes(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WiringProbe>(probe =>
        {
            probe.ToTable("wiring_probes");
            probe.HasKey(p => p.Id);
            probe.HasIndex(p => new { p.ProbeId, p.Direction }).IsUnique();
            probe.Property(p => p.Service).HasMaxLength(64);
            probe.Property(p => p.Direction).HasConversion<string>().HasMaxLength(16);
            probe.Property(p => p.CorrelationId).HasMaxLength(64);
            probe.Property(p => p.Note).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
