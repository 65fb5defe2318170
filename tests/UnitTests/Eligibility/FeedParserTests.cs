using ReliefPlatform.Eligibility.Monitoring;

namespace ReliefPlatform.UnitTests.Eligibility;

public sealed class FeedParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private const string Person = "361102198001011236";

    [Fact]
    public void A_csv_drop_is_read_with_its_header()
    {
        var (records, errors) = FeedParser.ReadCsv(new StringReader($"\uFEFFidNumber,name,county,signal,amount\n{Person},张三,361102,out-of-pocket,25000.50\n\n{Person},张三,,job-lost,\n"));

        Assert.True(errors.IsEmpty);
        Assert.Equal(2, records.Count);
        Assert.Equal(25000.50m, records[0].Amount);
        Assert.Null(records[1].Amount);
    }

    [Fact]
    public void A_quoted_field_may_hold_a_comma_a_quote_or_a_line_break()
    {
        var (records, errors) = FeedParser.ReadCsv(new StringReader($"idNumber,name,county,signal,amount\n{Person},\"张,\"\"三\"\"\n丰\",361102,job-lost,\n{Person},李四,361102,new-income,\"3,000.00\"\n"));

        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Keys));
        Assert.Equal("张,\"三\"\n丰", records[0].Name);
        Assert.Equal(3000m, records[1].Amount);
    }

    [Theory]
    [InlineData("id,name\n")]
    [InlineData("")]
    public void A_csv_without_the_header_is_refused(string csv) =>
        Assert.False(FeedParser.ReadCsv(new StringReader(csv)).Errors.IsEmpty);

    [Fact]
    public void A_csv_line_with_a_bad_amount_or_field_count_is_named_by_line()
    {
        var (_, errors) = FeedParser.ReadCsv(new StringReader($"idNumber,name,county,signal,amount\n{Person},张三,361102,job-lost\n{Person},张三,361102,new-income,abc\n"));

        Assert.Contains("line 2", errors.ToDictionary().Keys);
        Assert.Contains("line 3", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Signals_must_belong_to_the_department_and_amounts_are_required_where_they_matter()
    {
        var (parsed, errors) = FeedParser.Validate(Department.Hrss,
        [
            new(Person, "张三", null, "job-lost", null),
            new(Person, "张三", null, "out-of-pocket", 100m),
            new(Person, "张三", null, "new-income", null),
            new("36110219800101123X", "张三", "999999", "job-lost", null),
        ], Today);

        Assert.Single(parsed);
        var keys = errors.ToDictionary().Keys;
        Assert.Contains("records[1].signal", keys);
        Assert.Contains("records[2].amount", keys);
        Assert.Contains("records[3].idNumber", keys);
        Assert.Contains("records[3].county", keys);
    }

    [Fact]
    public void Batches_hold_one_to_a_hundred_thousand_records()
    {
        Assert.False(FeedParser.Validate(Department.Health, [], Today).Errors.IsEmpty);
        var tooMany = Enumerable.Repeat(new FeedRecordRequest(Person, null, null, "serious-illness", null), FeedParser.MaxRecords + 1).ToList();
        Assert.False(FeedParser.Validate(Department.Health, tooMany, Today).Errors.IsEmpty);
        var full = Enumerable.Repeat(new FeedRecordRequest(Person, null, null, "serious-illness", null), FeedParser.MaxRecords).ToList();
        Assert.Equal(FeedParser.MaxRecords, FeedParser.Validate(Department.Health, full, Today).Records.Count);
    }

    [Fact]
    public void Every_department_has_rules() =>
        Assert.All(Enum.GetValues<Department>(), d => Assert.NotEmpty(MonitoringRules.For(d)));
}
