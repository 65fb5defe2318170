using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace ReliefPlatform.Payments.Bank;

/// <summary>One line of a bank batch file. The account is the payee's (a social-benefit card or a bank card), when the payments service holds one.</summary>
public sealed record BankLine(string Reference, string PayeeName, string PayeeIdNumber, decimal Amount, string? AccountNumber = null, string? BankCode = null);

/// <summary>
/// The batch file as banks exchange them: a control line (<c>#batch,reference,count,total</c>) the bank
/// checks against the lines before accepting, then CSV (RFC 4180) with a header, written and read with
/// Sep: a name with a comma, a quote or a line break is quoted and comes back exactly. Encoded in
/// UTF-8, or GB18030 for a bank that asks for it (<see cref="BankFileEncoding"/>).
/// </summary>
public static class BankBatchFile
{
    public const string ControlTag = "#batch";
    private static readonly string[] Header = ["reference", "payee_name", "payee_id_number", "account_number", "bank_code", "amount"];

    public static string Write(string bankReference, IReadOnlyList<BankLine> lines)
    {
        ArgumentNullException.ThrowIfNull(bankReference);
        ArgumentNullException.ThrowIfNull(lines);
        if (bankReference.Any(c => c is ',' or '"' or '\r' or '\n'))
        {
            throw new ArgumentException("A bank reference is plain text.", nameof(bankReference));
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write(string.Create(CultureInfo.InvariantCulture, $"{ControlTag},{bankReference},{lines.Count},{lines.Sum(l => l.Amount):0.00}\n"));
        using (var csv = Sep.New(',').Writer(options => options with { Escape = true }).To(text))
        {
            foreach (var line in lines)
            {
                using var row = csv.NewRow();
                row[Header[0]].Set(line.Reference);
                row[Header[1]].Set(line.PayeeName);
                row[Header[2]].Set(line.PayeeIdNumber);
                row[Header[3]].Set(line.AccountNumber ?? "");
                row[Header[4]].Set(line.BankCode ?? "");
                row[Header[5]].Set(line.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            }

            if (lines.Count == 0)
            {
                // Sep writes the header with the first row; an empty batch still states its columns.
                text.Write(string.Join(',', Header) + "\n");
            }
        }

        return text.ToString();
    }

    public static (string BankReference, int Count, decimal Total, List<BankLine> Lines) Read(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var text = new StringReader(content);
        var control = text.ReadLine()?.Split(',');
        if (control is not { Length: 4 } || control[0] != ControlTag
            || !int.TryParse(control[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !decimal.TryParse(control[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var total))
        {
            throw new FormatException("The batch file has no control line (#batch,reference,count,total).");
        }

        var lines = new List<BankLine>();
        using var reader = Sep.Reader(options => options with { Unescape = true }).From(text);
        foreach (var row in reader)
        {
            var account = row[Header[3]].ToString();
            var bank = row[Header[4]].ToString();
            lines.Add(new BankLine(row[Header[0]].ToString(), row[Header[1]].ToString(), row[Header[2]].ToString(),
                decimal.Parse(row[Header[5]].Span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                account.Length == 0 ? null : account, bank.Length == 0 ? null : bank));
        }

        return (control[1], count, total, lines);
    }
}

/// <summary>The encodings banks take files in: UTF-8 (default) and GB18030, which some banks' systems still ask for.</summary>
public static class BankFileEncoding
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";

    static BankFileEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Of(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        Gb18030 => Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        var other => throw new ArgumentException($"Unknown bank file encoding '{other}'; use {Utf8} or {Gb18030}.", nameof(name)),
    };
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
