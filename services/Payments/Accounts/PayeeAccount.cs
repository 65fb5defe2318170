using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Payments.Accounts;

[JsonConverter(typeof(JsonStringEnumConverter<AccountStatus>))]
public enum AccountStatus
{
    /// <summary>Entered, waiting for a second person to confirm it.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The account payments go to.</summary>
    [JsonStringEnumMemberName("active")] Active,

    /// <summary>Replaced by a confirmed change; kept for the record.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded,

    /// <summary>The bank could not pay it or sent the money back: the payee's payments wait for a corrected account.</summary>
    [JsonStringEnumMemberName("needs-correction")] NeedsCorrection,
}

/// <summary>A step on an account refused: the code, the HTTP status and the reason in both languages.</summary>
public sealed class AccountException(int status, string code, string zh, string en) : Exception(en)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Zh { get; } = zh;
}

/// <summary>
/// A payee's account (the applicant, a designated member or a guardian): a social-benefit card or a bank
/// card. The number is stored encrypted (<see cref="AccountProtector"/>) with its keyed hash for equality
/// and its last four digits for display; it is never stored, logged or shown in clear. A new account or a
/// change takes effect only when a second person confirms it.
/// </summary>
public sealed class PayeeAccount
{
    public long Key { get; set; }
    public Guid AccountId { get; set; }
    public string PayeeIdNumber { get; set; } = "";
    public string HolderName { get; set; } = "";
    public string County { get; set; } = "";
    public AccountKind Kind { get; set; }
    public string BankCode { get; set; } = "";
    public byte[] NumberCipher { get; set; } = [];
    public string NumberHash { get; set; } = "";
    public string Last4 { get; set; } = "";
    public AccountStatus Status { get; set; }
    public string Reason { get; set; } = "";
    public string ProposedById { get; set; } = "";
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    public const string OneActiveIndex = "ux_payee_accounts_active";
    public const string OnePendingIndex = "ux_payee_accounts_pending";

    /// <summary>A second person confirms: the account becomes the one paid (the one it replaces is kept, superseded, by the caller's same transaction).</summary>
    public void Confirm(Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status != AccountStatus.Pending)
        {
            throw new AccountException(409, "not_pending", "没有待确认的账户变更。", "No account change is waiting for confirmation.");
        }

        if (by.Kind != ActorKind.Person)
        {
            throw new AccountException(403, "person_required", "账户变更须由工作人员本人确认。", "An account change is confirmed by a person signed in.");
        }

        if (by.Id == ProposedById)
        {
            throw new AccountException(409, "same_person", "录入账户的人员不能自行确认，须由另一人确认。", "The person who entered the account cannot confirm it: a second person does.");
        }

        Status = AccountStatus.Active;
        ConfirmedBy = by.ToString();
        ConfirmedAt = now;
    }

    internal static void Configure(EntityTypeBuilder<PayeeAccount> account)
    {
        account.ToTable("payee_accounts");
        account.HasRowVersion();
        account.HasKey(a => a.Key);
        account.HasIndex(a => a.AccountId).IsUnique();
        account.Property(a => a.PayeeIdNumber).HasMaxLength(18);
        account.Property(a => a.HolderName).HasMaxLength(50);
        account.Property(a => a.County).HasMaxLength(6);
        account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        account.Property(a => a.BankCode).HasMaxLength(16);
        account.Property(a => a.NumberHash).HasMaxLength(64);
        account.Property(a => a.Last4).HasMaxLength(4);
        account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.Reason).HasMaxLength(500);
        account.Property(a => a.ProposedById).HasMaxLength(100);
        account.Property(a => a.ProposedBy).HasMaxLength(150);
        account.Property(a => a.ConfirmedBy).HasMaxLength(150);
        account.HasIndex(a => a.PayeeIdNumber, OneActiveIndex).IsUnique().HasFilter("status = 'Active'");
        account.HasIndex(a => a.PayeeIdNumber, OnePendingIndex).IsUnique().HasFilter("status = 'Pending'");
        // One account on unrelated households is found by its keyed hash (R20), never by decrypting.
        account.HasIndex(a => a.NumberHash).HasFilter("status = 'Active'");
        // Batching and campaigns look up, per payee, whether their account awaits correction.
        account.HasIndex(a => a.PayeeIdNumber, "NeedsCorrection").HasDatabaseName("ix_payee_accounts_needs_correction").HasFilter("status = 'NeedsCorrection'");
    }
}
