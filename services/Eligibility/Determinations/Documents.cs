using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>
/// A document or photo of a household investigation, stored by the service (never on a path a
/// client names) and served back only as a download.
/// </summary>
public sealed class InvestigationDocument
{
    public long Key { get; set; }
    public Guid DocumentId { get; set; }
    public Guid DeterminationId { get; set; }
    public string County { get; set; } = "";
    public string? Township { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<InvestigationDocument> document)
    {
        document.ToTable("investigation_documents");
        document.HasKey(d => d.Key);
        document.HasIndex(d => d.DocumentId).IsUnique();
        document.HasIndex(d => d.DeterminationId);
        document.Property(d => d.County).HasMaxLength(6);
        document.Property(d => d.Township).HasMaxLength(12);
        document.Property(d => d.FileName).HasMaxLength(200);
        document.Property(d => d.ContentType).HasMaxLength(100);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.Property(d => d.UploadedBy).HasMaxLength(100);
    }
}

/// <summary>What uploads may be: the content types a caseworker's scanner and phone produce, each recognised by its first bytes.</summary>
public static class DocumentRules
{
    public static readonly IReadOnlyDictionary<string, byte[]> Signatures = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "%PDF"u8.ToArray(),
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
    };

    /// <summary>True when the bytes begin as the declared type's files do (a renamed executable is refused).</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> content) =>
        Signatures.TryGetValue(contentType, out var signature) && content.StartsWith(signature);
}
