using System.Text;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Payments.Accounts;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.UnitTests.Payments;

/// <summary>Payee accounts (issue 18): numbers checked for their bank, encrypted with a keyed hash, changed by two people.</summary>
public sealed class PayeeAccountTests
{
    private static AccountProtector Protector(string key = "a-test-secret-that-is-long-enough-for-the-derivation") =>
        new(Options.Create(new AccountOptions { Key = key }));

    [Theory]
    [InlineData("ICBC", "6222021234567890128", true, null)]   // 19 digits, check digit right
    [InlineData("ABC", "6228 4800 1234 5671", true, null)]   // spaces as printed on the card are dropped
    [InlineData("ICBC", "6222021234567890127", false, "check digit")]
    [InlineData("ICBC", "62220212345678901", false, "digits")] // 17: not a length the bank issues
    [InlineData("CCB", "62170012345678901X", false, "digits only")]
    [InlineData("NOBANK", "6222021234567890128", false, "bank")]
    [InlineData("ICBC", "", false, "required")]
    public void An_account_number_is_checked_for_its_bank(string bankCode, string number, bool valid, string? problem)
    {
        var errors = new ValidationErrors();
        AccountRules.Banks.TryGetValue(bankCode, out var bank);
        var checkedNumber = AccountRules.Number(errors, "accountNumber", number, bank);

        Assert.Equal(valid, checkedNumber is not null && errors.IsEmpty && bank is not null);
        if (valid)
        {
            Assert.Equal(number.Replace(" ", "", StringComparison.Ordinal), checkedNumber);
        }
        else if (bank is not null)
        {
            Assert.True(errors.Has("accountNumber"), problem);
        }
    }

    [Fact]
    public void The_bank_list_is_data_and_every_bank_names_its_lengths() =>
        Assert.All(AccountRules.Banks.Values, b => Assert.NotEmpty(b.Lengths));

    [Fact]
    public void An_account_number_is_stored_encrypted_and_compared_by_its_keyed_hash()
    {
        var protector = Protector();
        const string number = "6222021234567890128";
        var first = protector.Encrypt(number);
        var second = protector.Encrypt(number);

        Assert.NotEqual(first, second); // a fresh nonce each time: equal numbers do not look equal at rest
        Assert.DoesNotContain(number, Encoding.ASCII.GetString(first), StringComparison.Ordinal);
        Assert.DoesNotContain(number[^8..], Convert.ToHexString(first), StringComparison.Ordinal);
        Assert.Equal(number, protector.Decrypt(first));
        Assert.Equal(protector.Hash(number), protector.Hash(number));
        Assert.NotEqual(protector.Hash(number), Protector("another-secret-of-the-same-length-but-different!!").Hash(number));
        Assert.Throws<System.Security.Cryptography.AuthenticationTagMismatchException>(() => Protector("another-secret-of-the-same-length-but-different!!").Decrypt(first));
    }

    [Fact]
    public void A_short_or_missing_key_is_refused_at_start() =>
        Assert.Throws<InvalidOperationException>(() => Protector("short"));

    [Fact]
    public void A_change_is_confirmed_by_a_second_person_only()
    {
        var entered = new Actor(ActorKind.Person, "finance-1", "钱财务", "361102");
        var account = new PayeeAccount { Status = AccountStatus.Pending, ProposedById = entered.Id };

        Assert.Equal("same_person", Assert.Throws<AccountException>(() => account.Confirm(entered, DateTimeOffset.UtcNow)).Code);
        Assert.Equal("person_required", Assert.Throws<AccountException>(() => account.Confirm(new Actor(ActorKind.Client, "dev-province", "省级平台", null), DateTimeOffset.UtcNow)).Code);

        account.Confirm(entered with { Id = "finance-2", Name = "孙财务" }, DateTimeOffset.UtcNow);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal("not_pending", Assert.Throws<AccountException>(() => account.Confirm(entered with { Id = "finance-3" }, DateTimeOffset.UtcNow)).Code);
    }
}
