using ReliefPlatform.Payments.Batches;
using ReliefPlatform.Payments.Instructions;

namespace ReliefPlatform.UnitTests.Payments;

public sealed class ControlTotalsTests
{
    private static readonly PaymentBatch Batch = new() { Key = 7, DeclaredCount = 2, DeclaredTotal = 500m };

    private static PaymentInstruction Payment(decimal amount, long batch = 7) => new() { Amount = amount, BatchKey = batch };

    [Fact]
    public void The_declared_payments_match() => Assert.True(Batch.MatchesControlTotals([Payment(200m), Payment(300m)]));

    [Fact]
    public void An_item_beyond_the_declared_count_is_refused() =>
        Assert.False(Batch.MatchesControlTotals([Payment(200m), Payment(300m), Payment(0.01m)]));

    [Fact]
    public void A_changed_amount_is_refused() => Assert.False(Batch.MatchesControlTotals([Payment(200m), Payment(300.01m)]));

    [Fact]
    public void A_payment_of_another_batch_is_refused() => Assert.False(Batch.MatchesControlTotals([Payment(200m), Payment(300m, batch: 8)]));
}
