using ReliefPlatform.Payments.Bank;

namespace ReliefPlatform.UnitTests.Payments;

public sealed class BankBatchFileTests
{
    [Fact]
    public void A_batch_file_declares_its_control_totals_and_reads_back()
    {
        var file = BankBatchFile.Write("RP1", [new BankLine("dibao:a:2026-11#1", "张三", "361102198001011236", 331.00m), new BankLine("ref-2#1", "李四", "361102198202022345", 1201.50m, "6222021234567890128", "ICBC")]);

        Assert.StartsWith("#batch,RP1,2,1532.50\n", file, StringComparison.Ordinal);
        var (reference, count, total, lines) = BankBatchFile.Read(file);
        Assert.Equal(("RP1", 2, 1532.50m), (reference, count, total));
        Assert.Equal(331.00m, lines[0].Amount);
        Assert.Null(lines[0].AccountNumber);
        Assert.Equal(("6222021234567890128", "ICBC"), (lines[1].AccountNumber, lines[1].BankCode));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    public void Names_with_commas_quotes_and_line_breaks_round_trip_exactly_in_either_encoding(string encoding)
    {
        BankLine[] written =
        [
            new("r1#1", "李,四", "361102198202022345", 10.00m),
            new("r2#1", "王\"五\"", "361102198202022345", 20.00m),
            new("r3#1", "赵\n六\r\n七", "361102198202022345", 30.50m),
            new("r4#1", "𠀀 欧阳，娜娜 ", "361102198202022345", 0.01m), // outside the BMP, a full-width comma, spaces kept
        ];

        var bytes = BankFileEncoding.Of(encoding).GetBytes(BankBatchFile.Write("RP2", written));
        var (_, count, total, lines) = BankBatchFile.Read(BankFileEncoding.Of(encoding).GetString(bytes));

        Assert.Equal(written, lines);
        Assert.Equal((4, 60.51m), (count, total));
    }

    [Fact]
    public void A_file_without_its_control_line_is_refused() =>
        Assert.Throws<FormatException>(() => BankBatchFile.Read("reference,payee_name,payee_id_number,amount\nx,y,z,1.00\n"));

    [Fact]
    public void A_result_file_with_a_comma_in_its_reason_reads_back() =>
        Assert.Equal("账户已销户, 请更正", Assert.Single(BankResultFile.Read("RP3", BankResultFile.Write([new BankResult("RP3", "r1#1", false, "账户已销户, 请更正", "closed, \"correct\" it")]))).ReasonZh);
}
