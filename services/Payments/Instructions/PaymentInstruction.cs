using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Payments.Instructions;

/// <summary>
/// One payment to one person, unique per entitlement reference (a grant stage, a roster month, a
/// campaign line): a second message with the same reference never creates a second payment — the
/// database refuses it.
/// </summary>
public sealed class PaymentInstruction
{
    public long Key { get; set; }
    public Guid PaymentId { get; set; }
    public string Reference { get; set; } = "";
    public string Origin { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string PayeeIdNumber { get; set; } = "";
    public string PayeeName { get; set; } = "";
    public string County { get; set; } = "";
    public decimal Amount { get; set; }
    public DateOnly DueDate { get; set; }
    public Guid? ApplicationId { get; set; }
    public PaymentStatus Status { get; set; }
    public long? AllocationKey { get; set; }
    public int Attempts { get; set; }
    public long? BatchKey { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A failed or returned payment goes out again as a new attempt of the same payment (never a new payment).</summary>
    public bool Reissue(string? correctedPayeeName, DateTimeOffset now)
    {
        if (Status is not (PaymentStatus.Failed or PaymentStatus.Returned))
        {
            return false;
        }

        Attempts++;
        BatchKey = null;
        PayeeName = correctedPayeeName ?? PayeeName;
        MoveTo(PaymentStatus.Funded, now);
        return true;
    }

    public void MoveTo(PaymentStatus status, DateTimeOffset now)
    {
        Status = PaymentLifecycle.Move(Status, status);
        UpdatedAt = now;
    }

    internal static void Configure(EntityTypeBuilder<PaymentInstruction> payment)
    {
        payment.ToTable("payments");
        payment.HasRowVersion();
        payment.HasKey(p => p.Key);
        payment.HasIndex(p => p.PaymentId).IsUnique();
        payment.HasIndex(p => p.Reference).IsUnique();
        payment.Property(p => p.Reference).HasMaxLength(120);
        payment.Property(p => p.Origin).HasMaxLength(32);
        payment.Property(p => p.Purpose).HasMaxLength(32);
        payment.Property(p => p.PayeeIdNumber).HasMaxLength(18);
        payment.Property(p => p.PayeeName).HasMaxLength(50);
        payment.Property(p => p.County).HasMaxLength(6);
        payment.Property(p => p.Amount).HasPrecision(14, 2);
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        // A status change that touches no indexed column is a HOT update: the new row version goes on the
        // same page and no index is written. So no index (nor index predicate) names the status, and pages
        // keep half their room free: a batch's submission or settlement updates every row of a page at
        // once, before the old versions can be pruned (at 80 % only a third of them stayed HOT). The
        // queues of the funding and batching workers are partial indexes over what the workers set.
        payment.HasStorageParameter("fillfactor", 50);
        payment.HasIndex(p => p.PayeeIdNumber);
        payment.HasIndex(p => p.ApplicationId).HasFilter("application_id IS NOT NULL");
        payment.HasIndex(p => p.BatchKey);
        payment.HasIndex(p => new { p.County, p.Purpose, p.Key }, "ix_payments_waiting_for_money")
            .HasFilter("allocation_key IS NULL");
        payment.HasIndex(p => new { p.County, p.AllocationKey, p.Key }, "ix_payments_waiting_for_batch")
            .HasFilter("allocation_key IS NOT NULL AND batch_key IS NULL");
        payment.Property(p => p.FailureReason).HasMaxLength(300);
    }
}

/// <summary>An operator's action on a payment (reissue, cancel), with who and why.</summary>
public sealed class PaymentAction
{
    public long Key { get; set; }
    public long PaymentKey { get; set; }
    public string Action { get; set; } = "";
    public string By { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }

    internal static void Configure(EntityTypeBuilder<PaymentAction> action)
    {
        action.ToTable("payment_actions");
        action.HasKey(a => a.Key);
        action.HasIndex(a => a.PaymentKey);
        action.Property(a => a.Action).HasMaxLength(16);
        action.Property(a => a.By).HasMaxLength(50);
        action.Property(a => a.Reason).HasMaxLength(500);
    }
}
