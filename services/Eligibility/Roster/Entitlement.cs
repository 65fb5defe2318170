using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>A recipient's payment for one month (R11): at most one per recipient and month, whatever triggers the run.</summary>
public sealed class Entitlement
{
    public long Key { get; set; }
    public long RecipientKey { get; set; }
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string Reference { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Entitlement> entitlement)
    {
        entitlement.ToTable("entitlements");
        entitlement.HasKey(e => e.Key);
        entitlement.HasIndex(e => new { e.RecipientKey, e.Month }).IsUnique();
        entitlement.HasIndex(e => e.Reference).IsUnique();
        entitlement.Property(e => e.Amount).HasPrecision(14, 2);
        entitlement.Property(e => e.Reference).HasMaxLength(80);
    }
}
