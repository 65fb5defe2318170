using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Relief.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<CampaignStatus>))]
public enum CampaignStatus
{
    /// <summary>Issuing: until the deadline, payments of the reference month that arrive late still join.</summary>
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
}

/// <summary>
/// A one-time campaign (R12): every dibao household, tekun person, orphan and de-facto unsupported
/// child on the roster gets exactly its payment of the reference month, once.
/// </summary>
public sealed class Campaign
{
    public const string OneTimeLivingSubsidy = "one-time-living-subsidy";
    public const string PriceSubsidy = "price-subsidy";

    public long Key { get; set; }
    public Guid CampaignId { get; set; }
    public string Kind { get; set; } = OneTimeLivingSubsidy;
    public DateOnly ReferenceMonth { get; set; }
    public DateOnly Deadline { get; set; }
    public CampaignStatus Status { get; set; }
    public int Total { get; set; }
    public int Issued { get; set; }
    public decimal IssuedAmount { get; set; }
    public int Batches { get; set; }

    /// <summary>The reference month's payments known at the start have been copied in; later ones join as they arrive.</summary>
    public bool Filled { get; set; }

    /// <summary>R15: the price rise (percent) the subsidy is computed from, and the rounding (decimal places) in force.</summary>
    public decimal? Rate { get; set; }
    public int? RoundingDigits { get; set; }

    public string Purpose => Kind == PriceSubsidy ? PaymentPurposes.PriceSubsidy : PaymentPurposes.OneTimeSubsidy;
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.ToTable("campaigns");
        campaign.HasRowVersion();
        campaign.HasKey(c => c.Key);
        campaign.HasIndex(c => c.CampaignId).IsUnique();
        // Starting the same campaign twice finds the first one.
        campaign.HasIndex(c => new { c.Kind, c.ReferenceMonth }).IsUnique();
        campaign.Property(c => c.Kind).HasMaxLength(32);
        campaign.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        campaign.Property(c => c.IssuedAmount).HasPrecision(16, 2);
        campaign.Property(c => c.CreatedBy).HasMaxLength(50);
        campaign.Property(c => c.Rate).HasPrecision(8, 4);
        campaign.Ignore(c => c.Purpose);
    }
}

/// <summary>One recipient's payment of a campaign; unique per campaign and recipient, so nobody is paid twice.</summary>
public sealed class CampaignPayment
{
    public long Key { get; set; }
    public long CampaignKey { get; set; }
    public Guid RecipientId { get; set; }
    public string Reference { get; set; } = "";
    public string PayeeIdNumber { get; set; } = "";
    public string PayeeName { get; set; } = "";
    public string County { get; set; } = "";
    public decimal Amount { get; set; }
    public int? BatchNumber { get; set; }

    internal static void Configure(EntityTypeBuilder<CampaignPayment> payment)
    {
        payment.ToTable("campaign_payments");
        payment.HasKey(p => p.Key);
        payment.HasIndex(p => new { p.CampaignKey, p.RecipientId }).IsUnique();
        payment.HasIndex(p => new { p.CampaignKey, p.BatchNumber, p.Key });
        payment.Property(p => p.Reference).HasMaxLength(100);
        payment.Property(p => p.PayeeIdNumber).HasMaxLength(18);
        payment.Property(p => p.PayeeName).HasMaxLength(50);
        payment.Property(p => p.County).HasMaxLength(6);
        payment.Property(p => p.Amount).HasPrecision(14, 2);
    }
}

/// <summary>Relief's copy of the roster's monthly payments (from eligibility's MonthlyEntitlementIssued): what R12 pays again.</summary>
public sealed class RosterPayment
{
    public long Key { get; set; }
    public string Reference { get; set; } = "";
    public Guid RecipientId { get; set; }
    public string Category { get; set; } = "";
    public string PayeeIdNumber { get; set; } = "";
    public string PayeeName { get; set; } = "";
    public string County { get; set; } = "";
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public int Persons { get; set; }
    public decimal? PerPersonStandard { get; set; }

    internal static void Configure(EntityTypeBuilder<RosterPayment> payment)
    {
        payment.ToTable("roster_payments");
        payment.HasKey(p => p.Key);
        payment.HasIndex(p => p.Reference).IsUnique();
        payment.HasIndex(p => new { p.Month, p.Category });
        payment.Property(p => p.Reference).HasMaxLength(80);
        payment.Property(p => p.Category).HasMaxLength(32);
        payment.Property(p => p.PayeeIdNumber).HasMaxLength(18);
        payment.Property(p => p.PayeeName).HasMaxLength(50);
        payment.Property(p => p.County).HasMaxLength(6);
        payment.Property(p => p.Amount).HasPrecision(14, 2);
        payment.Property(p => p.PerPersonStandard).HasPrecision(14, 2);
    }
}
