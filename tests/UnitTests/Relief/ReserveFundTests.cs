using ReliefPlatform.Relief.ReserveFunds;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class ReserveFundTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static ReserveFund Fund(decimal balance, decimal cap) => new() { Balance = balance, PaymentCap = cap, County = "361102", Township = "西市街道" };

    [Fact]
    public void A_payment_debits_the_balance_and_writes_the_ledger()
    {
        var fund = Fund(1000m, 800m);

        var entry = fund.Pay(600m, Guid.NewGuid(), "361102", "社工", Now);

        Assert.Equal(400m, fund.Balance);
        Assert.Equal(-600m, entry.Amount);
        Assert.Equal(400m, entry.BalanceAfter);
        Assert.Equal(LedgerEntryKind.AssistFirstPayment, entry.Kind);
    }

    [Theory]
    [InlineData(900, ReservePaymentRefusal.AboveCap)]
    [InlineData(500, ReservePaymentRefusal.Insufficient)]
    [InlineData(0, ReservePaymentRefusal.InvalidAmount)]
    public void No_overdraft_and_no_payment_above_the_cap(double amount, ReservePaymentRefusal refusal)
    {
        var fund = Fund(400m, 800m);

        Assert.Equal(refusal, fund.CannotPay((decimal)amount, "361102"));
        Assert.Throws<InvalidOperationException>(() => fund.Pay((decimal)amount, Guid.NewGuid(), "361102", "社工", Now));
        Assert.Equal(400m, fund.Balance);
    }

    [Fact]
    public void A_fund_never_pays_another_countys_case()
    {
        var fund = Fund(1000m, 800m);

        Assert.Equal(ReservePaymentRefusal.OtherCounty, fund.CannotPay(100m, "361123"));
        Assert.Throws<InvalidOperationException>(() => fund.Pay(100m, Guid.NewGuid(), "361123", "社工", Now));
        Assert.Equal(1000m, fund.Balance);
    }

    [Fact]
    public void A_replenishment_credits_the_balance()
    {
        var fund = Fund(0m, 800m);

        var entry = fund.Replenish(2000m, "财政局", "拨款-1", Now);

        Assert.Equal(2000m, fund.Balance);
        Assert.Equal(2000m, entry.BalanceAfter);
        Assert.Throws<InvalidOperationException>(() => fund.Replenish(-1m, "x", null, Now));
    }
}
