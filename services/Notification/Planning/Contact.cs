using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Notification.Planning;

/// <summary>
/// Whom to tell about an application: its applicant, as intake received it. Later events (assessed,
/// granted, paid) name the application or the payee, not the phone number.
/// </summary>
public sealed class Contact
{
    public Guid ApplicationId { get; set; }
    public string IdNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string County { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }

    public static void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.ToTable("contacts");
        contact.HasKey(c => c.ApplicationId);
        contact.Property(c => c.IdNumber).HasMaxLength(18);
        contact.Property(c => c.Name).HasMaxLength(50);
        contact.Property(c => c.Phone).HasMaxLength(20);
        contact.Property(c => c.County).HasMaxLength(16);
        contact.HasIndex(c => new { c.IdNumber, c.ReceivedAt });
    }
}
