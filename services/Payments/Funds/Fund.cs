using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Payments.Funds;

[JsonConverter(typeof(JsonStringEnumConverter<FundLevel>))]
public enum FundLevel
{
    [JsonStringEnumMemberName("central")] Central,
    [JsonStringEnumMemberName("provincial")] Provincial,
    [JsonStringEnumMemberName("city")] City,
    [JsonStringEnumMemberName("county")] County,
}

/// <summary>A fund source (central, provincial, city or county) and the purposes it may pay (R19).</summary>
public sealed class Fund
{
    public long Key { get; set; }
    public Guid FundId { get; set; }
    public FundLevel Level { get; set; }
    public string Name { get; set; } = "";
    public string[] Purposes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The day the money arrived (R19: allocated to counties promptly after it arrives).</summary>
    public DateOnly ArrivedOn { get; set; }

    internal static void Configure(EntityTypeBuilder<Fund> fund)
    {
        fund.ToTable("funds");
        fund.HasKey(f => f.Key);
        fund.HasIndex(f => f.FundId).IsUnique();
        fund.Property(f => f.Level).HasConversion<string>().HasMaxLength(16);
        fund.Property(f => f.Name).HasMaxLength(100);
    }
}

/// <summary>
/// A fund's allocation to a county, with the weighting that justified it (R19: hard-hit counties,
/// rural-revitalization priority counties). Payments draw from it; its balance never goes below zero.
/// </summary>
public sealed class Allocation
{
    public long Key { get; set; }
    public Guid AllocationId { get; set; }
    public long FundKey { get; set; }
    public string County { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal Balance { get; set; }
    public string? Weighting { get; set; }
    public string AllocatedBy { get; set; } = "";
    public DateTimeOffset AllocatedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Allocation> allocation)
    {
        allocation.ToTable("allocations", t => t.HasCheckConstraint("ck_allocations_balance_not_negative", "balance >= 0"));
        allocation.HasRowVersion();
        allocation.HasKey(a => a.Key);
        allocation.HasIndex(a => a.AllocationId).IsUnique();
        allocation.HasIndex(a => new { a.County, a.FundKey });
        allocation.Property(a => a.County).HasMaxLength(6);
        allocation.Property(a => a.Amount).HasPrecision(16, 2);
        allocation.Property(a => a.Balance).HasPrecision(16, 2);
        allocation.Property(a => a.Weighting).HasMaxLength(200);
        allocation.Property(a => a.AllocatedBy).HasMaxLength(50);
    }
}
