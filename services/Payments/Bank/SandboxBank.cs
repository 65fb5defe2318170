using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
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
        s.Property(x => x.File).UseCompressionMethod("lz4");
        s.Property(x => x.BankReference).HasMaxLength(64);
    }
}

/// <summary>
/// A result file of the sandbox bank, as real banks send them back per batch: the outcome of every
/// line of one batch, or (a second file, later) the lines it had settled whose money came back.
/// </summary>
public sealed class SandboxResultFile
{
    public const string Results = "results";
    public const string Returns = "returns";

    public long Key { get; set; }
    public string BankReference { get; set; } = "";
    public string Kind { get; set; } = Results;

    /// <summary>CSV with a header: line reference, settled|failed|returned, reason in Chinese, reason in English.</summary>
    public string File { get; set; } = "";

    public int Lines { get; set; }
    public bool Acknowledged { get; set; }

    internal static void Configure(EntityTypeBuilder<SandboxResultFile> s)
    {
        s.ToTable("sandbox_bank_result_files");
        s.HasKey(x => x.Key);
        s.HasIndex(x => new { x.BankReference, x.Kind }).IsUnique();
        // The unread files in the order the bank wrote them.
        s.HasIndex(x => x.Key).HasFilter("NOT acknowledged");
        s.Property(x => x.BankReference).HasMaxLength(64);
        s.Property(x => x.Kind).HasMaxLength(16);
        s.Property(x => x.File).UseCompressionMethod("lz4");
    }

    public static string Write(IEnumerable<BankResult> results) => BankResultFile.Write(results);

    public IEnumerable<BankResult> Read() => BankResultFile.Read(BankReference, File);
}

/// <summary>
/// A bank that runs with the suite: it accepts batch files whose control totals match, remembers them
/// by bank reference (so a resubmission pays nothing twice), settles or fails each line a little
/// later, and reports the results in a result file per batch. Its ledger lives in tables of its own.
/// </summary>
public sealed class SandboxBank(IServiceScopeFactory scopes, IOptionsMonitor<SandboxBankOptions> options) : IBankConnector
{
    /// <summary>About how many result lines one statement read returns (whole files).</summary>
    public const int StatementLines = 5_000;

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
            await db.Database.ExecuteSqlAsync($"UPDATE sandbox_bank_result_files SET acknowledged = false WHERE bank_reference = {bankReference}", ct);
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
        foreach (var submission in received)
        {
            var results = new List<BankResult>();
            var returns = new List<BankResult>();
            foreach (var line in BankBatchFile.Read(submission.File).Lines)
            {
                var result = line.PayeeName.StartsWith(settings.FailNamePrefix, StringComparison.Ordinal)
                    ? new BankResult(submission.BankReference, line.Reference, false, "户名与账户不符", "the name does not match the account")
                    : (uint)line.Reference.GetHashCode(StringComparison.Ordinal) % 100 < settings.FailureRatePercent
                        ? new BankResult(submission.BankReference, line.Reference, false, "账户已销户", "the account is closed")
                        : new BankResult(submission.BankReference, line.Reference, true, null, null);
                results.Add(result);
                if (result.Settled && line.PayeeName.StartsWith(settings.ReturnNamePrefix, StringComparison.Ordinal))
                {
                    returns.Add(new BankResult(submission.BankReference, line.Reference, false,
                        "入账后账户销户，款项退回", "the account was closed after crediting; the money came back", Returned: true));
                }
            }

            // One result file per batch (and one of returns, written after it, so read after it).
            db.Add(new SandboxResultFile { BankReference = submission.BankReference, Kind = SandboxResultFile.Results, File = SandboxResultFile.Write(results), Lines = results.Count });
            if (returns.Count > 0)
            {
                db.Add(new SandboxResultFile { BankReference = submission.BankReference, Kind = SandboxResultFile.Returns, File = SandboxResultFile.Write(returns), Lines = returns.Count });
            }

            submission.Processed = true;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return received.Count;
    }

    /// <summary>The oldest unread result files, whole, up to about <see cref="StatementLines"/> lines.</summary>
    public async Task<IReadOnlyList<BankResult>> TakeStatementAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var files = await db.Set<SandboxResultFile>().AsNoTracking().Where(f => !f.Acknowledged).OrderBy(f => f.Key).Take(50).ToListAsync(ct);
        var statement = new List<BankResult>();
        foreach (var file in files)
        {
            if (statement.Count > 0 && statement.Count + file.Lines > StatementLines)
            {
                break;
            }

            statement.AddRange(file.Read());
        }

        return statement;
    }

    /// <summary>Marks result files as read; a reconciliation that crashed before this reads them again (applying them is idempotent).</summary>
    public async Task AcknowledgeAsync(IReadOnlyList<BankResult> results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(results);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var resultsOf = results.Where(r => !r.Returned).Select(r => r.BankReference).Distinct().ToArray();
        var returnsOf = results.Where(r => r.Returned).Select(r => r.BankReference).Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE sandbox_bank_result_files SET acknowledged = true
            WHERE NOT acknowledged AND ((kind = {SandboxResultFile.Results} AND bank_reference = ANY({resultsOf}))
                                     OR (kind = {SandboxResultFile.Returns} AND bank_reference = ANY({returnsOf})))
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
