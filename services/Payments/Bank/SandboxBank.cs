using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Diagnostics;

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
/// line of one batch, or (a second file, later) the lines it had settled whose money came back. Kept
/// in the bank's ledger and delivered to the incoming folder; a batch sent again is answered again.
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

    /// <summary>Written to the incoming folder (set back when the same batch arrives again).</summary>
    public bool Delivered { get; set; }

    internal static void Configure(EntityTypeBuilder<SandboxResultFile> s)
    {
        s.ToTable("sandbox_bank_result_files");
        s.HasKey(x => x.Key);
        s.HasIndex(x => new { x.BankReference, x.Kind }).IsUnique();
        // The undelivered files in the order the bank wrote them.
        s.HasIndex(x => x.Key).HasFilter("NOT delivered");
        s.Property(x => x.BankReference).HasMaxLength(64);
        s.Property(x => x.Kind).HasMaxLength(16);
        s.Property(x => x.File).UseCompressionMethod("lz4");
    }

    /// <summary>The file's name in the incoming folder, as <see cref="FileDropBank"/> reads it.</summary>
    public string FileName => $"{BankReference}.{Kind}.csv";
}

/// <summary>
/// A bank that runs with the suite on the other side of the file-drop folders (issue 18): it collects
/// the batch files payments leaves in the outgoing folder, refuses one whose control line does not
/// match its lines, remembers each by bank reference (a batch sent again pays nothing twice and is
/// answered again), settles or fails each line a little later, and leaves a result file per batch in
/// the incoming folder. Payments reaches it only through <see cref="FileDropBank"/>, exactly as it
/// reaches a county's bank. Its ledger lives in tables of its own.
/// </summary>
public sealed class SandboxBank(IServiceScopeFactory scopes, IOptions<BankOptions> bank, IOptionsMonitor<SandboxBankOptions> options, ILogger<SandboxBank> logger)
{
    private const string CollectedFolder = "collected";

    /// <summary>The folder where the bank keeps the batch files it collected (tests read them there).</summary>
    public static string CollectedOf(string outgoing) => Path.Combine(outgoing, CollectedFolder);

    /// <summary>Collects the batch files waiting in the outgoing folder, as a bank's file service does.</summary>
    public async Task<int> CollectAsync(CancellationToken ct)
    {
        var settings = bank.Value;
        if (!Directory.Exists(settings.Outgoing))
        {
            return 0;
        }

        var encoding = BankFileEncoding.Of(settings.Encoding);
        var collected = CollectedOf(settings.Outgoing);
        Directory.CreateDirectory(collected);
        var count = 0;
        foreach (var path in Directory.GetFiles(settings.Outgoing, "*.csv").Order(StringComparer.Ordinal).Take(20))
        {
            var name = Path.GetFileName(path);
            var file = encoding.GetString(await File.ReadAllBytesAsync(path, ct));
            var (bankReference, lineCount, total, lines) = BankBatchFile.Read(file);
            if ($"{bankReference}.csv" != name || lineCount != lines.Count || total != lines.Sum(l => l.Amount))
            {
                logger.LogError(LogEvents.BankRefusedFile, "The sandbox bank refuses batch file {File}: its control line does not match its lines", name);
                File.Move(path, Path.Combine(collected, name + ".refused"), overwrite: true);
                continue;
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
                var accepted = await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO sandbox_bank_submissions (bank_reference, file, received_at, processed)
                    VALUES ({bankReference}, {file}, now(), false)
                    ON CONFLICT (bank_reference) DO NOTHING
                    """, ct);
                if (accepted == 0)
                {
                    // A batch the bank already has (the sender crashed before recording its submission):
                    // nothing is paid again; the bank sends the results it already has once more.
                    await db.Database.ExecuteSqlAsync($"UPDATE sandbox_bank_result_files SET delivered = false WHERE bank_reference = {bankReference}", ct);
                }
            }

            File.Move(path, Path.Combine(collected, name), overwrite: true);
            count++;
        }

        return count;
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

            // One result file per batch (and one of returns, written after it, so delivered and read after it).
            db.Add(new SandboxResultFile { BankReference = submission.BankReference, Kind = SandboxResultFile.Results, File = BankResultFile.Write(results), Lines = results.Count });
            if (returns.Count > 0)
            {
                db.Add(new SandboxResultFile { BankReference = submission.BankReference, Kind = SandboxResultFile.Returns, File = BankResultFile.Write(returns), Lines = returns.Count });
            }

            submission.Processed = true;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return received.Count;
    }

    /// <summary>
    /// Leaves the undelivered result files in the incoming folder, whole or not at all (written aside, then
    /// renamed). A crash between writing and recording delivers a file twice; reconciling it twice changes nothing.
    /// </summary>
    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        var settings = bank.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var files = await db.Set<SandboxResultFile>().Where(f => !f.Delivered).OrderBy(f => f.Key).Take(50).ToListAsync(ct);
        if (files.Count == 0)
        {
            return 0;
        }

        Directory.CreateDirectory(settings.Incoming);
        var encoding = BankFileEncoding.Of(settings.Encoding);
        foreach (var file in files)
        {
            var path = Path.Combine(settings.Incoming, file.FileName);
            await File.WriteAllBytesAsync(path + ".part", encoding.GetBytes(file.File), ct);
            File.Move(path + ".part", path, overwrite: true);
            file.Delivered = true;
        }

        await db.SaveChangesAsync(ct);
        return files.Count;
    }
}

/// <summary>The sandbox bank's own clock: it settles what it received about a second later.</summary>
public sealed class SandboxBankWorker(SandboxBank bank, LeaderElection leader, TimeProvider clock, ILogger<SandboxBankWorker> logger) : PeriodicWorker(clock, logger, leader)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override string Activity => "The sandbox bank processing its batches";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken) =>
        await bank.CollectAsync(stoppingToken) + await bank.ProcessAsync(stoppingToken) + await bank.DeliverAsync(stoppingToken) > 0;
}
