using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Payments.Bank;

/// <summary>Settings of the sandbox bank (configuration section <c>SandboxBank</c>).</summary>
public sealed class SandboxBankOptions
{
    public const string SectionName = "SandboxBank";

    /// <summary>Share of lines (0–100) the bank fails as "account closed", spread by a hash of the reference.</summary>
    public int FailureRatePercent { get; set; }

    /// <summary>Lines whose payee name starts with this fail as "name does not match the account" (for tests and demos).</summary>
    public string FailNamePrefix { get; set; } = "失败";

    /// <summary>Lines whose payee name starts with this settle, then come back as returned (account closed after crediting).</summary>
    public string ReturnNamePrefix { get; set; } = "退回";
}

/// <summary>A batch as the sandbox bank received it (its own ledger: a resubmission is recognised).</summary>
public sealed class SandboxSubmission
{
    public string BankReference { get; set; } = "";
    public string File { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Processed { get; set; }

    internal static void Configure(EntityTypeBuilder<SandboxSubmission> s)
    {
        s.ToTable("sandbox_bank_submissions");
        s.HasKey(x => x.BankReference);
        s.Property(x => x.BankReference).HasMaxLength(64);
    }
}

/// <summary>A line of the sandbox bank's statement.</summary>
public sealed class SandboxStatementLine
{
    public long Key { get; set; }
    public string BankReference { get; set; } = "";
    public string Reference { get; set; } = "";
    public bool Settled { get; set; }
    public bool Returned { get; set; }
    public string? ReasonZh { get; set; }
    public string? ReasonEn { get; set; }
    public bool Acknowledged { get; set; }

    internal static void Configure(EntityTypeBuilder<SandboxStatementLine> s)
    {
        s.ToTable("sandbox_bank_statement");
        s.HasKey(x => x.Key);
        s.HasIndex(x => new { x.BankReference, x.Reference, x.Returned }).IsUnique();
        // The unread lines in statement order: the reconciliation reads the oldest 5,000 without sorting a backlog.
        s.HasIndex(x => x.Key).HasFilter("NOT acknowledged");
        s.Property(x => x.BankReference).HasMaxLength(64);
        s.Property(x => x.Reference).HasMaxLength(140);
        s.Property(x => x.ReasonZh).HasMaxLength(200);
        s.Property(x => x.ReasonEn).HasMaxLength(200);
    }
}

/// <summary>
/// A bank that runs with the suite: it accepts batch files whose control totals match, remembers them
/// by bank reference (so a resubmission pays nothing twice), settles or fails each line a little
/// later, and reports the results on a statement. Its ledger lives in tables of its own.
/// </summary>
public sealed class SandboxBank(IServiceScopeFactory scopes, IOptionsMonitor<SandboxBankOptions> options) : IBankConnector
{
    public async Task SubmitAsync(string bankReference, string batchFile, CancellationToken ct)
    {
        var (reference, count, total, lines) = BankBatchFile.Read(batchFile);
        if (reference != bankReference || count != lines.Count || total != lines.Sum(l => l.Amount))
        {
            throw new InvalidOperationException($"The bank refuses batch {bankReference}: its control totals do not match its lines.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var accepted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sandbox_bank_submissions (bank_reference, file, received_at, processed)
            VALUES ({bankReference}, {batchFile}, now(), false)
            ON CONFLICT (bank_reference) DO NOTHING
            """, ct);
        if (accepted == 0)
        {
            // A batch the bank already has (the sender crashed before recording its submission):
            // nothing is paid again; the bank reports the results it already has once more.
            await db.Database.ExecuteSqlAsync($"UPDATE sandbox_bank_statement SET acknowledged = false WHERE bank_reference = {bankReference}", ct);
        }
    }

    /// <summary>The bank's own work, later: settle or fail every line of the batches received.</summary>
    public async Task<int> ProcessAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var received = await db.Set<SandboxSubmission>().FromSql($"SELECT * FROM sandbox_bank_submissions WHERE NOT processed LIMIT 20 FOR UPDATE SKIP LOCKED").ToListAsync(ct);
        var settings = options.CurrentValue;
        var statement = new List<SandboxStatementLine>();
        foreach (var submission in received)
        {
            foreach (var line in BankBatchFile.Read(submission.File).Lines)
            {
                var (settled, zh, en) = line.PayeeName.StartsWith(settings.FailNamePrefix, StringComparison.Ordinal)
                    ? (false, "户名与账户不符", "the name does not match the account")
                    : (uint)line.Reference.GetHashCode(StringComparison.Ordinal) % 100 < settings.FailureRatePercent
                        ? (false, "账户已销户", "the account is closed")
                        : (true, (string?)null, (string?)null);
                statement.Add(new SandboxStatementLine { BankReference = submission.BankReference, Reference = line.Reference, Settled = settled, ReasonZh = zh, ReasonEn = en });
                if (settled && line.PayeeName.StartsWith(settings.ReturnNamePrefix, StringComparison.Ordinal))
                {
                    statement.Add(new SandboxStatementLine
                    {
                        BankReference = submission.BankReference, Reference = line.Reference, Settled = false, Returned = true,
                        ReasonZh = "入账后账户销户，款项退回", ReasonEn = "the account was closed after crediting; the money came back",
                    });
                }
            }

            submission.Processed = true;
        }

        // The statement of up to 20 batches (100,000 lines) in one statement, not one INSERT a line.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sandbox_bank_statement (bank_reference, reference, settled, returned, reason_zh, reason_en, acknowledged)
            SELECT l.bank_reference, l.reference, l.settled, l.returned, l.reason_zh, l.reason_en, false
            FROM unnest({statement.Select(l => l.BankReference).ToArray()}::text[], {statement.Select(l => l.Reference).ToArray()}::text[],
                        {statement.Select(l => l.Settled).ToArray()}::boolean[], {statement.Select(l => l.Returned).ToArray()}::boolean[],
                        {statement.Select(l => l.ReasonZh).ToArray()}::text[], {statement.Select(l => l.ReasonEn).ToArray()}::text[])
                 AS l(bank_reference, reference, settled, returned, reason_zh, reason_en)
            ON CONFLICT DO NOTHING
            """, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return received.Count;
    }

    public async Task<IReadOnlyList<BankResult>> TakeStatementAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var lines = await db.Set<SandboxStatementLine>().Where(l => !l.Acknowledged).OrderBy(l => l.Key).Take(5000).ToListAsync(ct);
        return lines.Select(l => new BankResult(l.BankReference, l.Reference, l.Settled, l.ReasonZh, l.ReasonEn, l.Returned)).ToList();
    }

    /// <summary>Marks statement lines as read; a reconciliation that crashed before this reads them again (applying them is idempotent).</summary>
    public async Task AcknowledgeAsync(IReadOnlyList<BankResult> results, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        // By (bank reference, line reference) as arrays: the statement's unique index finds each line, never a
        // hash join over the whole statement.
        var bankReferences = results.Select(r => r.BankReference).Distinct().ToArray();
        var references = results.Select(r => r.Reference).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE sandbox_bank_statement SET acknowledged = true
            WHERE bank_reference = ANY({bankReferences}) AND reference = ANY({references}) AND NOT acknowledged
            """, ct);
    }
}

/// <summary>The sandbox bank's own clock: it settles what it received about a second later.</summary>
public sealed class SandboxBankWorker(SandboxBank bank, TimeProvider clock, ILogger<SandboxBankWorker> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override string Activity => "The sandbox bank processing its batches";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken) => await bank.ProcessAsync(stoppingToken) > 0;
}
