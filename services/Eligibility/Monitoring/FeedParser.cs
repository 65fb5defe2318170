using System.Globalization;
using nietras.SeparatedValues;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility.Monitoring;

public sealed record FeedRecordRequest(string? IdNumber, string? Name, string? County, string? Signal, decimal? Amount);

public sealed record FeedRequest(List<FeedRecordRequest>? Records);

public sealed record ParsedFeedRecord(string IdNumber, string? Name, string? County, Signal Signal, decimal? Amount);

/// <summary>
/// Reads and checks a department's batch (JSON or CSV). A batch is taken whole or refused whole,
/// naming the first invalid records, so a department never has to guess which half was stored.
/// </summary>
public static class FeedParser
{
    public const int MaxRecords = 100_000;
    private const int MaxReportedErrors = 50;
    public const string CsvHeader = "idNumber,name,county,signal,amount";

    public static (List<ParsedFeedRecord> Records, ValidationErrors Errors) Validate(Department department, IReadOnlyList<FeedRecordRequest>? records, DateOnly today)
    {
        var errors = new ValidationErrors();
        var parsed = new List<ParsedFeedRecord>(records?.Count ?? 0);
        if (records is null || records.Count == 0)
        {
            errors.Add("records", "批次至少包含一条记录。", "A batch has at least one record.");
            return (parsed, errors);
        }

        if (records.Count > MaxRecords)
        {
            errors.Add("records", $"每批最多 {MaxRecords:N0} 条记录。", $"A batch has at most {MaxRecords:N0} records.");
            return (parsed, errors);
        }

        var allowed = DepartmentSignals.Allowed[department];
        var reported = 0;
        for (var i = 0; i < records.Count && reported < MaxReportedErrors; i++)
        {
            var record = records[i];
            var before = errors.ToDictionary().Count;
            var id = errors.IdNumber($"records[{i}].idNumber", record.IdNumber, today);

            var signal = errors.Enum<Signal>($"records[{i}].signal", record.Signal);
            if (signal is { } s && !allowed.Contains(s))
            {
                var names = string.Join(", ", allowed.Select(a => WireName.Of(a)));
                errors.Add($"records[{i}].signal", $"该部门的信号只能是：{names}。", $"This department's signals are: {names}.");
            }

            if (signal is { } needs && DepartmentSignals.NeedsAmount(needs) && record.Amount is null)
            {
                errors.Add($"records[{i}].amount", "该信号须填写金额。", "This signal needs an amount.");
            }

            if (record.Amount is < 0 or > 100_000_000)
            {
                errors.Add($"records[{i}].amount", "金额应在 0 到 1 亿元之间。", "The amount must be between 0 and 100,000,000.");
            }

            errors.County($"records[{i}].county", record.County, required: false);

            var name = record.Name?.Trim();
            if (name is { Length: > 50 })
            {
                errors.Add($"records[{i}].name", "姓名不能超过 50 个字符。", "At most 50 characters.");
            }

            if (errors.ToDictionary().Count > before)
            {
                reported++;
                continue;
            }

            parsed.Add(new ParsedFeedRecord(id!, string.IsNullOrEmpty(name) ? null : name, string.IsNullOrEmpty(record.County) ? null : record.County, signal!.Value, record.Amount));
        }

        return (parsed, errors);
    }

    /// <summary>
    /// Reads a CSV file drop (RFC 4180, read with Sep): a header <c>idNumber,name,county,signal,amount</c>
    /// and one record a row; a quoted field may hold a comma, a quote or a line break. A row with another
    /// number of fields, or an amount that is not a number, is named by its line.
    /// </summary>
    public static (List<FeedRecordRequest> Records, ValidationErrors Errors) ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new ValidationErrors();
        var records = new List<FeedRecordRequest>();
        using var csv = Sep.Reader(options => options with { Unescape = true, HasHeader = true, DisableColCountCheck = true }).From(reader);
        var columns = string.Join(',', csv.Header.ColNames.Select(c => c.Trim().TrimStart('\uFEFF')));
        if (!string.Equals(columns, CsvHeader, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("csv", $"首行应为表头：{CsvHeader}", $"The first line must be the header: {CsvHeader}");
            return (records, errors);
        }

        foreach (var row in csv)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue;
            }

            if (records.Count >= MaxRecords)
            {
                errors.Add("records", $"每批最多 {MaxRecords:N0} 条记录。", $"A batch has at most {MaxRecords:N0} records.");
                break;
            }

            if (row.ColCount != 5)
            {
                errors.Add($"line {line}", "应有 5 个字段。", "Expected 5 fields.");
                continue;
            }

            decimal? amount = null;
            if (row[4].ToString().Trim() is { Length: > 0 } amountText)
            {
                if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    amount = value;
                }
                else
                {
                    errors.Add($"line {line}", "金额不是数字。", "The amount is not a number.");
                    continue;
                }
            }

            records.Add(new FeedRecordRequest(row[0].ToString().Trim(), row[1].ToString().Trim(), row[2].ToString().Trim(), row[3].ToString().Trim(), amount));
        }

        return (records, errors);
    }
}
