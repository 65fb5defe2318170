using ReliefPlatform.Payments.Bank;

namespace ReliefPlatform.UnitTests.Payments;

public sealed class BankBatchFileTests
{
    [Fact]
    public void A_batch_file_declares_its_control_totals_and_reads_back()
    {
        var file = BankBatchFile.Write("RP1", [new BankLine("dibao:a:2026-11#1", "张三", "361102198001011236", 331.00m), new BankLine("ref-2#1", "李,四", "361102198202022345", 1201.50m)]);

        Assert.StartsWith("#batch,RP1,2,1532.50\n", file, StringComparison.Ordinal);
        var (reference, count, total, lines) = BankBatchFile.Read(file);
        Assert.Equal(("RP1", 2, 1532.50m), (reference, count, total));
        Assert.Equal("李 四", lines[1].PayeeName); // a comma cannot break the columns
        Assert.Equal(331.00m, lines[0].Amount);
    }

    [Fact]
    public void A_file_without_its_control_line_is_refused() =>
        Assert.Throws<FormatException>(() => BankBatchFile.Read("reference,payee_name,payee_id_number,amount\nx,y,z,1.00\n"));
}
