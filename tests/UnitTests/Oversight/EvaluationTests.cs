using System.Globalization;
using MiniExcelLibs;
using nietras.SeparatedValues;
using ReliefPlatform.Oversight.Evaluation;

namespace ReliefPlatform.UnitTests.Oversight;

/// <summary>R21's score and exports (issue 19).</summary>
public sealed class EvaluationTests
{
    private static CountyMonthFigures Figures(int decisions = 10, int inTime = 9, long lines = 100, long onTime = 80, int leadsInTime = 0, int leadsOverdue = 0) =>
        new("361102", "信州区, 上饶", new DateOnly(2026, 11, 1), 3, new Dictionary<string, int> { ["online"] = 2, ["walk-in"] = 1 }, decisions, 7, 5.5, 12.25, inTime,
            new Dictionary<string, int> { ["dibao"] = 40 }, 95, 12345.67m, new Dictionary<string, decimal> { ["dibao"] = 12345.67m }, lines, onTime, 300_000, 0.32m,
            leadsInTime + leadsOverdue, leadsInTime, leadsOverdue, 12, 0.5, 2.25, 2, 1, 1, 3.0, 4, 1, 2, null);

    [Fact]
    public void The_score_weighs_the_indicators_with_data_and_leaves_out_those_without()
    {
        var weights = new Dictionary<string, decimal> { ["decisions-in-time"] = 3, ["paid-on-time"] = 1, ["leads-in-time"] = 5 };
        // (0.9 × 3 + 0.8 × 1) / 4 = 0.875: no leads that month, so their weight does not count.
        Assert.Equal(87.5m, EvaluationScore.Of(Figures(), weights));
        // With leads: (2.7 + 0.8 + 0.5 × 5) / 9 = 0.6667
        Assert.Equal(66.7m, EvaluationScore.Of(Figures(leadsInTime: 1, leadsOverdue: 1), weights));
        Assert.Null(EvaluationScore.Of(Figures(decisions: 0, inTime: 0, lines: 0, onTime: 0), weights));
    }

    [Fact]
    public void The_csv_export_reads_back_with_its_columns_and_a_name_with_a_comma_intact()
    {
        var csv = EvaluationApi.Csv([Figures()]);
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        var rows = reader.Enumerate(row => (Name: row["county_name"].ToString(), Month: row["month"].ToString(), Paid: row["paid_total"].ToString(),
            Online: row["applications_online"].ToString(), Tekun: row["paid_tekun"].ToString())).ToList();
        Assert.Equal(("信州区, 上饶", "2026-11", "12345.67", "2", "0"), Assert.Single(rows));
        Assert.Equal(new[] { "county", "county_name", "month", "applications" }, reader.Header.ColNames.Take(4));
    }

    [Fact]
    public void The_xlsx_export_opens_as_a_sheet_with_the_same_columns()
    {
        using var stream = new MemoryStream(EvaluationApi.Xlsx([Figures()]));
        var row = (IDictionary<string, object>)stream.Query(useHeaderRow: true, sheetName: "figures").Single();
        Assert.Equal("361102", row["county"]?.ToString());
        Assert.Equal(12345.67m, Convert.ToDecimal(row["paid_total"], CultureInfo.InvariantCulture));
        Assert.Equal(95, Convert.ToInt32(row["recipient_persons"], CultureInfo.InvariantCulture));
    }
}
