using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Eligibility.Monitoring;

/// <summary>The departments whose data is shared for dynamic monitoring (R2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Department>))]
public enum Department
{
    /// <summary>Human resources and social security (人社).</summary>
    [JsonStringEnumMemberName("hrss")] Hrss,
    [JsonStringEnumMemberName("medical-insurance")] MedicalInsurance,
    [JsonStringEnumMemberName("health")] Health,
    [JsonStringEnumMemberName("education")] Education,
    [JsonStringEnumMemberName("disability")] Disability,

    // Sources of the economic-situation verification (核对, issue 17).

    /// <summary>Public security's vehicle registry (公安车辆登记).</summary>
    [JsonStringEnumMemberName("vehicles")] Vehicles,

    /// <summary>Real-estate registration (不动产登记).</summary>
    [JsonStringEnumMemberName("real-estate")] RealEstate,

    /// <summary>Market regulation's business registry (市场监管企业登记).</summary>
    [JsonStringEnumMemberName("business")] Business,

    /// <summary>Banks' deposits (金融机构存款).</summary>
    [JsonStringEnumMemberName("banks")] Banks,

    /// <summary>The housing provident fund (住房公积金).</summary>
    [JsonStringEnumMemberName("provident-fund")] ProvidentFund,

    /// <summary>Public security's household registration (公安户籍): deaths.</summary>
    [JsonStringEnumMemberName("public-security")] PublicSecurity,
}

/// <summary>What a department's record says about a person.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Signal>))]
public enum Signal
{
    [JsonStringEnumMemberName("job-lost")] JobLost,
    [JsonStringEnumMemberName("job-found")] JobFound,
    [JsonStringEnumMemberName("new-income")] NewIncome,
    [JsonStringEnumMemberName("out-of-pocket")] OutOfPocket,
    [JsonStringEnumMemberName("serious-illness")] SeriousIllness,
    [JsonStringEnumMemberName("low-income-student")] LowIncomeStudent,
    [JsonStringEnumMemberName("disability-registered")] DisabilityRegistered,

    /// <summary>Owns a vehicle; amount: its assessed value (CNY).</summary>
    [JsonStringEnumMemberName("vehicle-owned")] VehicleOwned,

    /// <summary>Owns a property (one record per property).</summary>
    [JsonStringEnumMemberName("property-owned")] PropertyOwned,

    /// <summary>Registered as a business owner or shareholder.</summary>
    [JsonStringEnumMemberName("business-registered")] BusinessRegistered,

    /// <summary>Bank deposits; amount: the balance (CNY).</summary>
    [JsonStringEnumMemberName("deposits")] Deposits,

    /// <summary>Housing provident fund contributions; amount: the monthly wage they are based on (CNY).</summary>
    [JsonStringEnumMemberName("provident-contribution")] ProvidentContribution,

    /// <summary>The person died; the household registration is cancelled (户口注销).</summary>
    [JsonStringEnumMemberName("deceased")] Deceased,

    /// <summary>The person is serving a prison sentence (服刑).</summary>
    [JsonStringEnumMemberName("imprisoned")] Imprisoned,
}

public static class DepartmentSignals
{
    public static IReadOnlyDictionary<Department, Signal[]> Allowed { get; } = new Dictionary<Department, Signal[]>
    {
        [Department.Hrss] = [Signal.JobLost, Signal.JobFound, Signal.NewIncome],
        [Department.MedicalInsurance] = [Signal.OutOfPocket],
        [Department.Health] = [Signal.SeriousIllness],
        [Department.Education] = [Signal.LowIncomeStudent],
        [Department.Disability] = [Signal.DisabilityRegistered],
        [Department.Vehicles] = [Signal.VehicleOwned],
        [Department.RealEstate] = [Signal.PropertyOwned],
        [Department.Business] = [Signal.BusinessRegistered],
        [Department.Banks] = [Signal.Deposits],
        [Department.ProvidentFund] = [Signal.ProvidentContribution],
        [Department.PublicSecurity] = [Signal.Deceased, Signal.Imprisoned],
    };

    /// <summary>Signals that carry an amount (CNY per month).</summary>
    public static bool NeedsAmount(Signal signal) => signal is Signal.NewIncome or Signal.OutOfPocket or Signal.VehicleOwned or Signal.Deposits or Signal.ProvidentContribution;
}

/// <summary>A batch of one department's records, as received.</summary>
public sealed class FeedBatch
{
    public long Key { get; set; }
    public Guid BatchId { get; set; }
    public Department Department { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int RecordCount { get; set; }
    public int WarningCount { get; set; }
    public int ReviewFlagCount { get; set; }
    public long MatchMilliseconds { get; set; }

    internal static void Configure(EntityTypeBuilder<FeedBatch> batch)
    {
        batch.ToTable("feed_batches");
        batch.HasKey(b => b.Key);
        batch.HasIndex(b => b.BatchId).IsUnique();
        batch.Property(b => b.Department).HasConversion<string>().HasMaxLength(32);
    }
}

/// <summary>One record of a feed (stored by COPY, matched by SQL).</summary>
public sealed class FeedRecord
{
    public long Key { get; set; }
    public long BatchKey { get; set; }
    public string IdNumber { get; set; } = "";
    public string? Name { get; set; }
    public string? County { get; set; }
    public Signal Signal { get; set; }
    public decimal? Amount { get; set; }

    internal static void Configure(EntityTypeBuilder<FeedRecord> record)
    {
        record.ToTable("feed_records");
        record.HasKey(r => r.Key);
        record.Property(r => r.IdNumber).HasMaxLength(18);
        record.Property(r => r.Name).HasMaxLength(50);
        record.Property(r => r.County).HasMaxLength(6);
        record.Property(r => r.Signal).HasConversion<string>().HasMaxLength(32);
        record.Property(r => r.Amount).HasPrecision(14, 2);
        record.HasIndex(r => new { r.BatchKey, r.IdNumber });
        // Verification (核对) reads what every department ever reported about a household's members.
        record.HasIndex(r => r.IdNumber);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<WarningKind>))]
public enum WarningKind
{
    /// <summary>Hardship: becomes an intake lead (R1, R2).</summary>
    [JsonStringEnumMemberName("hardship")] Hardship,

    /// <summary>Possible ineligibility of a recipient: a caseworker reviews it (R20).</summary>
    [JsonStringEnumMemberName("review")] Review,
}

/// <summary>A match of a feed that signals hardship or calls for a review.</summary>
public sealed class MonitoringWarning
{
    public long Key { get; set; }
    public Guid WarningId { get; set; }
    public long BatchKey { get; set; }
    public Department Department { get; set; }
    public WarningKind Kind { get; set; }
    public string Rule { get; set; } = "";
    public string IdNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string County { get; set; } = "";
    public PriorityGroup PriorityGroup { get; set; }
    public string SignalZh { get; set; } = "";
    public string SignalEn { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<MonitoringWarning> warning)
    {
        warning.ToTable("monitoring_warnings");
        warning.HasRowVersion();
        warning.HasKey(w => w.Key);
        warning.HasIndex(w => w.WarningId).IsUnique();
        // One warning per rule and person in a batch, however often a department repeats a record.
        warning.HasIndex(w => new { w.BatchKey, w.Rule, w.IdNumber }).IsUnique();
        warning.Property(w => w.Department).HasConversion<string>().HasMaxLength(32);
        warning.Property(w => w.Kind).HasConversion<string>().HasMaxLength(16);
        warning.Property(w => w.Rule).HasMaxLength(64);
        warning.Property(w => w.IdNumber).HasMaxLength(18);
        warning.Property(w => w.Name).HasMaxLength(50);
        warning.Property(w => w.County).HasMaxLength(6);
        warning.Property(w => w.PriorityGroup).HasConversion<string>().HasMaxLength(32);
        warning.Property(w => w.SignalZh).HasMaxLength(500);
        warning.Property(w => w.SignalEn).HasMaxLength(500);
        warning.HasIndex(w => new { w.Kind, w.County, w.RaisedAt });
    }
}
