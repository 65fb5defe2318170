using Microsoft.Extensions.Options;
using nietras.SeparatedValues;

namespace ReliefPlatform.Payments.Bank;

/// <summary>Which bank connector payments uses (section Payments:Bank).</summary>
public sealed class BankOptions
{
    public const string Section = "Payments:Bank";
    public const string FileDrop = "file-drop";

    /// <summary>
    /// <c>file-drop</c>: the bank's folders. None configured, payments refuses to start: an installation
    /// names its bank's connector, it never gets one by default.
    /// </summary>
    public string? Connector { get; set; }

    /// <summary>
    /// The sandbox bank answers on the folders (<see cref="SandboxBank"/>): local runs and tests only,
    /// where the AppHost sets it. Off unless set, so an installation never pays into the sandbox by default.
    /// </summary>
    public bool Sandbox { get; set; }

    /// <summary>Where batch files are written for the bank to collect (file-drop).</summary>
    public string Outgoing { get; set; } = "";

    /// <summary>Where the bank leaves its result files, <c>{bankReference}.results.csv</c> and <c>{bankReference}.returns.csv</c> (file-drop).</summary>
    public string Incoming { get; set; } = "";

    /// <summary>The files' encoding: utf-8, or gb18030 for a bank that asks for it.</summary>
    public string Encoding { get; set; } = BankFileEncoding.Utf8;
}

/// <summary>
/// Result files as banks send them back: CSV with a header <c>reference,outcome,reason_zh,reason_en</c>,
/// outcome settled | failed | returned; written and read with Sep.
/// </summary>
public static class BankResultFile
{
    public static string Write(IEnumerable<BankResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = Sep.New(',').Writer(options => options with { Escape = true }).To(text))
        {
            foreach (var r in results)
            {
                using var row = csv.NewRow();
                row["reference"].Set(r.Reference);
                row["outcome"].Set(r.Returned ? "returned" : r.Settled ? "settled" : "failed");
                row["reason_zh"].Set(r.ReasonZh ?? "");
                row["reason_en"].Set(r.ReasonEn ?? "");
            }
        }

        return text.ToString();
    }

    public static List<BankResult> Read(string bankReference, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var results = new List<BankResult>();
        if (content.Length == 0)
        {
            return results;
        }

        using var reader = Sep.Reader(options => options with { Unescape = true }).FromText(content);
        foreach (var row in reader)
        {
            var outcome = row["outcome"].ToString();
            if (outcome is not ("settled" or "failed" or "returned"))
            {
                throw new FormatException($"Result file of {bankReference}, line {row.LineNumberFrom}: unknown outcome '{outcome}'.");
            }

            var zh = row["reason_zh"].ToString();
            var en = row["reason_en"].ToString();
            results.Add(new BankResult(bankReference, row["reference"].ToString(), outcome == "settled", zh.Length == 0 ? null : zh, en.Length == 0 ? null : en, outcome == "returned"));
        }

        return results;
    }
}

/// <summary>
/// A bank reached through folders, as many county banks still exchange files: each batch is written to
/// the outgoing folder as <c>{bankReference}.csv</c> (whole or not at all: written aside, then renamed;
/// a resubmitted reference finds its file there and writes nothing again), and the bank's result files
/// are read from the incoming folder and moved to <c>processed/</c> once recorded.
/// </summary>
public sealed class FileDropBank(IOptions<BankOptions> options) : IBankConnector
{
    /// <summary>About how many result lines one statement read returns (whole files).</summary>
    public const int StatementLines = 5_000;

    private BankOptions Settings => options.Value;

    public async Task SubmitAsync(string bankReference, string batchFile, CancellationToken ct)
    {
        var path = Path.Combine(Settings.Outgoing, $"{FileNameOf(bankReference)}.csv");
        if (File.Exists(path))
        {
            return; // the bank has (or will collect) this batch already: nothing is sent twice
        }

        Directory.CreateDirectory(Settings.Outgoing);
        var aside = path + ".part";
        await File.WriteAllBytesAsync(aside, BankFileEncoding.Of(Settings.Encoding).GetBytes(batchFile), ct);
        File.Move(aside, path, overwrite: false);
    }

    public async Task<IReadOnlyList<BankResult>> TakeStatementAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Settings.Incoming))
        {
            return [];
        }

        var statement = new List<BankResult>();
        // Results before returns of the same batch: a return is of a line the results settled.
        foreach (var file in Directory.GetFiles(Settings.Incoming, "*.csv").OrderBy(f => f.EndsWith(".returns.csv", StringComparison.Ordinal)).ThenBy(f => f, StringComparer.Ordinal))
        {
            var (bankReference, _) = Parse(file);
            statement.AddRange(BankResultFile.Read(bankReference, BankFileEncoding.Of(Settings.Encoding).GetString(await File.ReadAllBytesAsync(file, ct))));
            if (statement.Count >= StatementLines)
            {
                break;
            }
        }

        return statement;
    }

    public Task AcknowledgeAsync(IReadOnlyList<BankResult> results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(results);
        var processed = Path.Combine(Settings.Incoming, "processed");
        Directory.CreateDirectory(processed);
        var resultsOf = results.Where(r => !r.Returned).Select(r => r.BankReference).ToHashSet(StringComparer.Ordinal);
        var returnsOf = results.Where(r => r.Returned).Select(r => r.BankReference).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Settings.Incoming, "*.csv"))
        {
            var (bankReference, returns) = Parse(file);
            if (returns ? returnsOf.Contains(bankReference) : resultsOf.Contains(bankReference))
            {
                File.Move(file, Path.Combine(processed, Path.GetFileName(file)), overwrite: true);
            }
        }

        return Task.CompletedTask;
    }

    private static (string BankReference, bool Returns) Parse(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".returns.csv", StringComparison.Ordinal) ? (name[..^".returns.csv".Length], true)
            : name.EndsWith(".results.csv", StringComparison.Ordinal) ? (name[..^".results.csv".Length], false)
            : throw new FormatException($"'{name}' is not a result file ({{bankReference}}.results.csv or .returns.csv).");
    }

    /// <summary>A bank reference as a file name: letters, digits and dashes only.</summary>
    private static string FileNameOf(string bankReference) =>
        bankReference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? bankReference : throw new ArgumentException($"Bank reference '{bankReference}' cannot name a file.", nameof(bankReference));
}
