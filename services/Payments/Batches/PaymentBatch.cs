using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Payments.Batches;

[JsonConverter(typeof(JsonStringEnumConverter<BatchStatus>))]
public enum BatchStatus
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("reconciled")] Reconciled,
}

/// <summary>
/// Payments of one county and fund sent to the bank together. The count and total are declared when
/// the batch is made and checked again before submission: nothing beyond them goes to the bank. The
/// bank reference is the batch id, so a resubmission after a crash is recognised by the bank.
/// </summary>
public sealed class PaymentBatch
{
    public long Key { get; set; }
    public Guid BatchId { get; set; }
    public string County { get; set; } = "";
    public long FundKey { get; set; }
    public int DeclaredCount { get; set; }
    public decimal DeclaredTotal { get; set; }
    public BatchStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReconciledAt { get; set; }

    public string BankReference => $"RP{BatchId:N}";

    /// <summary>A new batch of one county and fund, declaring the count and total of the payments it is made for.</summary>
    public static PaymentBatch Declare(string county, long fundKey, IReadOnlyCollection<decimal> amounts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        return new PaymentBatch
        {
            BatchId = Guid.CreateVersion7(now), County = county, FundKey = fundKey, Status = BatchStatus.Created, CreatedAt = now,
            DeclaredCount = amounts.Count, DeclaredTotal = amounts.Sum(),
        };
    }

    /// <summary>The batch a bank reference names, or null for a reference the platform did not make.</summary>
    public static Guid? BatchIdOf(string bankReference) =>
        bankReference is ['R', 'P', .. var id] && Guid.TryParseExact(id, "N", out var batchId) ? batchId : null;

    /// <summary>Whether the payments about to go to the bank are exactly what the batch declared: nothing beyond, nothing missing.</summary>
    public bool MatchesControlTotals(IReadOnlyCollection<Instructions.PaymentInstruction> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        return payments.Count == DeclaredCount && payments.Sum(p => p.Amount) == DeclaredTotal && payments.All(p => p.BatchKey == Key);
    }

    internal static void Configure(EntityTypeBuilder<PaymentBatch> batch)
    {
        batch.ToTable("payment_batches");
        batch.HasRowVersion();
        batch.HasKey(b => b.Key);
        batch.HasIndex(b => b.BatchId).IsUnique();
        batch.Property(b => b.County).HasMaxLength(6);
        batch.Property(b => b.DeclaredTotal).HasPrecision(16, 2);
        batch.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        batch.Ignore(b => b.BankReference);
        batch.HasIndex(b => new { b.Status, b.CreatedAt });
    }
}
