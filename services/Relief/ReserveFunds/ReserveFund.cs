using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Relief.ReserveFunds;

/// <summary>
/// A township's (street office's) reserve fund (备用金, R8): a float for paying urgent cases at once.
/// The balance changes only through ledger entries written in the same transaction.
/// </summary>
public sealed class ReserveFund
{
    public long Key { get; set; }
    public Guid FundId { get; set; }
    public string County { get; set; } = "";
    public string Township { get; set; } = "";
    public decimal Balance { get; set; }

    /// <summary>The most one assist-first payment may take from the fund.</summary>
    public decimal PaymentCap { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why a payment cannot be taken from the fund, or null when it can.</summary>
    /// <summary>
    /// Why the fund cannot pay a case this amount, or null. R8: a township's reserve fund pays the
    /// urgent cases handled there; another county's case never draws on it (outside testing found a
    /// 361102 case paid from 361123's fund).
    /// </summary>
    public ReservePaymentRefusal? CannotPay(decimal amount, string caseCounty) =>
        caseCounty != County ? ReservePaymentRefusal.OtherCounty
        : amount <= 0 ? ReservePaymentRefusal.InvalidAmount
        : amount > PaymentCap ? ReservePaymentRefusal.AboveCap
        : amount > Balance ? ReservePaymentRefusal.Insufficient
        : null;

    /// <summary>Debits an assist-first payment; never below zero (the database checks it too).</summary>
    public ReserveLedgerEntry Pay(decimal amount, Guid caseId, string caseCounty, string paidBy, DateTimeOffset now)
    {
        if (CannotPay(amount, caseCounty) is { } refusal)
        {
            throw new InvalidOperationException($"The reserve fund cannot pay {amount:0.00}: {refusal}.");
        }

        Balance -= amount;
        return new ReserveLedgerEntry { FundKey = Key, Kind = LedgerEntryKind.AssistFirstPayment, Amount = -amount, BalanceAfter = Balance, CaseId = caseId, RecordedBy = paidBy, RecordedAt = now };
    }

    public ReserveLedgerEntry Replenish(decimal amount, string recordedBy, string? reference, DateTimeOffset now)
    {
        if (amount <= 0)
        {
            throw new InvalidOperationException("A replenishment is a positive amount.");
        }

        Balance += amount;
        return new ReserveLedgerEntry { FundKey = Key, Kind = LedgerEntryKind.Replenishment, Amount = amount, BalanceAfter = Balance, RecordedBy = recordedBy, Reference = reference, RecordedAt = now };
    }

    internal static void Configure(EntityTypeBuilder<ReserveFund> fund)
    {
        fund.ToTable("reserve_funds", t => t.HasCheckConstraint("ck_reserve_funds_balance_not_negative", "balance >= 0"));
        fund.HasRowVersion();
        fund.HasKey(f => f.Key);
        fund.HasIndex(f => f.FundId).IsUnique();
        fund.HasIndex(f => new { f.County, f.Township }).IsUnique();
        fund.Property(f => f.County).HasMaxLength(6);
        fund.Property(f => f.Township).HasMaxLength(50);
        fund.Property(f => f.Balance).HasPrecision(14, 2);
        fund.Property(f => f.PaymentCap).HasPrecision(14, 2);
    }
}

public enum ReservePaymentRefusal
{
    OtherCounty,
    InvalidAmount,
    AboveCap,
    Insufficient,
}

[JsonConverter(typeof(JsonStringEnumConverter<LedgerEntryKind>))]
public enum LedgerEntryKind
{
    [JsonStringEnumMemberName("replenishment")] Replenishment,
    [JsonStringEnumMemberName("assist-first-payment")] AssistFirstPayment,
}

/// <summary>One movement of a reserve fund, with who and why.</summary>
public sealed class ReserveLedgerEntry
{
    public long Key { get; set; }
    public long FundKey { get; set; }
    public LedgerEntryKind Kind { get; set; }
    public decimal Amount { get; set; }
    public decimal BalanceAfter { get; set; }
    public Guid? CaseId { get; set; }
    public string RecordedBy { get; set; } = "";
    public string? Reference { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ReserveLedgerEntry> entry)
    {
        entry.ToTable("reserve_ledger");
        entry.HasKey(e => e.Key);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.Amount).HasPrecision(14, 2);
        entry.Property(e => e.BalanceAfter).HasPrecision(14, 2);
        entry.Property(e => e.RecordedBy).HasMaxLength(50);
        entry.Property(e => e.Reference).HasMaxLength(100);
        entry.HasIndex(e => new { e.FundKey, e.RecordedAt });
        // A case is paid from a reserve fund at most once.
        entry.HasIndex(e => e.CaseId).IsUnique().HasFilter("kind = 'AssistFirstPayment'");
    }
}
