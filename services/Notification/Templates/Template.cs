using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Notification.Templates;

/// <summary>The stored text of one event type's notices in one language, as operators last edited it.</summary>
public sealed class Template
{
    public string EventType { get; set; } = "";
    public string Language { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The shipped texts, so that every event type has both languages from the first migration.</summary>
    public static IEnumerable<Template> Shipped()
    {
        var shippedAt = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        foreach (var definition in TemplateCatalog.Definitions.Values)
        {
            foreach (var language in Languages.All)
            {
                var text = definition.In(language);
                yield return new Template
                {
                    EventType = definition.EventType, Language = language, Title = text.Title, Body = text.Body,
                    UpdatedAt = shippedAt, UpdatedBy = "platform",
                };
            }
        }
    }

    public static void Configure(EntityTypeBuilder<Template> template)
    {
        template.ToTable("templates");
        template.HasRowVersion();
        template.HasKey(t => new { t.EventType, t.Language });
        template.Property(t => t.EventType).HasMaxLength(40);
        template.Property(t => t.Language).HasMaxLength(8);
        template.Property(t => t.Title).HasMaxLength(100);
        template.Property(t => t.Body).HasMaxLength(TemplatesApi.MaxBodyLength);
        template.Property(t => t.UpdatedBy).HasMaxLength(50);
        template.HasData(Shipped());
    }
}
