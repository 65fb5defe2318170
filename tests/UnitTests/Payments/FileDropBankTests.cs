using System.Text;
using Microsoft.Extensions.Options;
using ReliefPlatform.Payments.Bank;

namespace ReliefPlatform.UnitTests.Payments;

/// <summary>The file-drop bank (issue 18): batches out through one folder, results in through another, in the bank's encoding.</summary>
public sealed class FileDropBankTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("file-drop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileDropBank Bank(string encoding = "gb18030") =>
        new(Options.Create(new BankOptions { Connector = BankOptions.FileDrop, Outgoing = Path.Combine(_root, "out"), Incoming = Path.Combine(_root, "in"), Encoding = encoding }));

    [Fact]
    public async Task A_batch_goes_out_once_in_the_banks_encoding_and_its_results_come_back_and_are_put_aside()
    {
        var bank = Bank();
        var file = BankBatchFile.Write("RP-7", [new BankLine("dibao:x:2026-11#1", "欧阳,娜娜", "361102198001011236", 331.00m, "6222021234567890128", "ICBC")]);

        await bank.SubmitAsync("RP-7", file, CancellationToken.None);
        await bank.SubmitAsync("RP-7", "a second, different file", CancellationToken.None); // resubmitted after a crash: nothing sent twice

        var written = await File.ReadAllBytesAsync(Path.Combine(_root, "out", "RP-7.csv"));
        Assert.Equal(file, BankFileEncoding.Of("gb18030").GetString(written));
        Assert.NotEqual(Encoding.UTF8.GetBytes(file), written); // GB18030, as this bank asked
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "out"), "*.part"));

        // The bank answers: the line settled, then (a second file) its money came back.
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        await File.WriteAllBytesAsync(Path.Combine(_root, "in", "RP-7.returns.csv"), BankFileEncoding.Of("gb18030").GetBytes(
            BankResultFile.Write([new BankResult("RP-7", "dibao:x:2026-11#1", false, "账户已销户，款项退回", "account closed, returned", Returned: true)])));
        await File.WriteAllBytesAsync(Path.Combine(_root, "in", "RP-7.results.csv"), BankFileEncoding.Of("gb18030").GetBytes(
            BankResultFile.Write([new BankResult("RP-7", "dibao:x:2026-11#1", true, null, null)])));

        var statement = await bank.TakeStatementAsync(CancellationToken.None);
        Assert.Equal([(true, false), (false, true)], statement.Select(r => (r.Settled, r.Returned)));
        Assert.Equal("账户已销户，款项退回", statement[1].ReasonZh);

        await bank.AcknowledgeAsync(statement, CancellationToken.None);
        Assert.Empty(await bank.TakeStatementAsync(CancellationToken.None));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root, "in", "processed")).Length);
    }

    [Fact]
    public async Task A_file_that_is_not_a_result_file_is_refused_not_guessed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "whatever.csv"), "reference,outcome,reason_zh,reason_en\n");
        await Assert.ThrowsAsync<FormatException>(() => Bank().TakeStatementAsync(CancellationToken.None));
    }
}
