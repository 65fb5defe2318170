using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Intake.Hotline;

[JsonConverter(typeof(JsonStringEnumConverter<HotlineOutcome>))]
public enum HotlineOutcome
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("answered")] Answered,
    [JsonStringEnumMemberName("referred")] Referred,
    [JsonStringEnumMemberName("converted")] Converted,
}

/// <summary>A call to the 12345 government service hotline about assistance (R3).</summary>
public sealed class HotlineTicket
{
    public long Key { get; private set; }
    public Guid TicketId { get; private set; }
    public string County { get; private set; } = "";
    public string CallerName { get; private set; } = "";
    public string? CallerPhone { get; private set; }
    public string? CallerIdNumber { get; private set; }
    public string Question { get; private set; } = "";
    public string TakenBy { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? FirstAnsweredAt { get; private set; }
    public HotlineOutcome Outcome { get; private set; }
    public string? ReferredTo { get; private set; }
    public Guid? ApplicationId { get; private set; }

    /// <summary>Time to first answer, the hotline's service measure.</summary>
    public TimeSpan? TimeToFirstAnswer => FirstAnsweredAt - ReceivedAt;

    private HotlineTicket()
    {
    }

    public static HotlineTicket Record(
        string county, string callerName, string? callerPhone, string? callerIdNumber, string question, string takenBy,
        DateTimeOffset receivedAt, DateTimeOffset? firstAnsweredAt, HotlineOutcome outcome, string? referredTo, Guid? applicationId, DateTimeOffset now) => new()
        {
            TicketId = Guid.CreateVersion7(now),
            County = county,
            CallerName = callerName,
            CallerPhone = callerPhone,
            CallerIdNumber = callerIdNumber,
            Question = question,
            TakenBy = takenBy,
            ReceivedAt = receivedAt,
            FirstAnsweredAt = firstAnsweredAt,
            Outcome = outcome,
            ReferredTo = referredTo,
            ApplicationId = applicationId,
        };

    internal static void Configure(EntityTypeBuilder<HotlineTicket> ticket)
    {
        ticket.ToTable("hotline_tickets");
        ticket.HasRowVersion();
        ticket.HasKey(t => t.Key);
        ticket.HasIndex(t => t.TicketId).IsUnique();
        ticket.Property(t => t.County).HasMaxLength(6);
        ticket.Property(t => t.CallerName).HasMaxLength(50);
        ticket.Property(t => t.CallerPhone).HasMaxLength(20);
        ticket.Property(t => t.CallerIdNumber).HasMaxLength(18);
        ticket.Property(t => t.Question).HasMaxLength(2000);
        ticket.Property(t => t.TakenBy).HasMaxLength(50);
        ticket.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.ReferredTo).HasMaxLength(200);
        ticket.HasIndex(t => new { t.County, t.ReceivedAt });
    }
}
