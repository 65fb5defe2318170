using System.Globalization;
using System.Text;

namespace ReliefPlatform.Payments.Bank;

/// <summary>One line of a bank batch file.</summary>
public sealed record BankLine(string Reference, string PayeeName, string PayeeIdNumber, decimal Amount);

/// <summary>
/// The batch file format: CSV with a header line carrying the control totals, then one line per
/// payment. Banks check the declared count and total against the lines before accepting.
/// </summary>
public static class BankBatchFile
{
    public static string Write(string bankReference, IReadOnlyList<BankLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var file = new StringBuilder();
        file.Append(CultureInfo.InvariantCulture, $"#batch,{bankReference},{lines.Count},{lines.Sum(l => l.Amount):0.00}\n");
        file.Append("reference,payee_name,payee_id_number,amount\n");
        foreach (var line in lines)
        {
            file.Append(CultureInfo.InvariantCulture, $"{line.Reference},{line.PayeeName.Replace(",", " ", StringComparison.Ordinal)},{line.PayeeIdNumber},{line.Amount:0.00}\n");
        }

        return file.ToString();
    }

    public static (string BankReference, int Count, decimal Total, List<BankLine> Lines) Read(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        if (header.Length != 4 || header[0] != "#batch")
        {
            throw new FormatException("The batch file has no control line.");
        }

        var lines = rows.Skip(2).Select(r => r.Split(',')).Select(f => new BankLine(f[0], f[1], f[2], decimal.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        return (header[1], int.Parse(header[2], CultureInfo.InvariantCulture), decimal.Parse(header[3], CultureInfo.InvariantCulture), lines);
    }
}

/// <summary>A bank: accepts batch files (idempotently by bank reference) and reports each line's result later.</summary>
public interface IBankConnector
{
    /// <summary>Submits a batch; submitting the same bank reference again returns the first acceptance and pays nothing twice.</summary>
    Task SubmitAsync(string bankReference, string batchFile, CancellationToken ct);

    /// <summary>Statement lines not yet acknowledged.</summary>
    Task<IReadOnlyList<BankResult>> TakeStatementAsync(CancellationToken ct);

    /// <summary>Acknowledges statement lines once their results are recorded.</summary>
    Task AcknowledgeAsync(IReadOnlyList<BankResult> results, CancellationToken ct);
}

/// <param name="Returned">A line settled earlier whose money the bank sent back.</param>
public sealed record BankResult(string BankReference, string Reference, bool Settled, string? ReasonZh, string? ReasonEn, bool Returned = false);
