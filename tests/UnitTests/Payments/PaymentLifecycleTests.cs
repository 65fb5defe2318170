using ReliefPlatform.Payments.Instructions;

namespace ReliefPlatform.UnitTests.Payments;

public sealed class PaymentLifecycleTests
{
    [Theory]
    [InlineData(PaymentStatus.Instructed, PaymentStatus.Funded)]
    [InlineData(PaymentStatus.Instructed, PaymentStatus.Unfunded)]
    [InlineData(PaymentStatus.Unfunded, PaymentStatus.Funded)]
    [InlineData(PaymentStatus.Funded, PaymentStatus.Batched)]
    [InlineData(PaymentStatus.Batched, PaymentStatus.Submitted)]
    [InlineData(PaymentStatus.Submitted, PaymentStatus.Settled)]
    [InlineData(PaymentStatus.Submitted, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Failed, PaymentStatus.Funded)] // reissued: a new attempt of the same payment
    [InlineData(PaymentStatus.Settled, PaymentStatus.Returned)] // the bank sent the money back
    [InlineData(PaymentStatus.Returned, PaymentStatus.Funded)]  // reissued like a failure
    [InlineData(PaymentStatus.Funded, PaymentStatus.Held)]      // its payee reported deceased (issue 18)
    [InlineData(PaymentStatus.Held, PaymentStatus.Unfunded)]    // released after review, no money drawn yet
    [InlineData(PaymentStatus.Held, PaymentStatus.Cancelled)]   // or cancelled, its money returned
    public void Allowed_moves(PaymentStatus from, PaymentStatus to) => Assert.Equal(to, PaymentLifecycle.Move(from, to));

    [Theory]
    [InlineData(PaymentStatus.Unfunded, PaymentStatus.Batched)]   // never batched without money
    [InlineData(PaymentStatus.Settled, PaymentStatus.Failed)]     // a settled payment stays settled
    [InlineData(PaymentStatus.Settled, PaymentStatus.Funded)]     // only failed payments are reissued
    [InlineData(PaymentStatus.Submitted, PaymentStatus.Cancelled)] // no cancelling once the bank has it
    [InlineData(PaymentStatus.Batched, PaymentStatus.Cancelled)]   // nor once its batch's totals are declared
    [InlineData(PaymentStatus.Cancelled, PaymentStatus.Funded)]
    [InlineData(PaymentStatus.Submitted, PaymentStatus.Held)]     // what the bank has cannot be held
    [InlineData(PaymentStatus.Held, PaymentStatus.Batched)]       // a held payment never goes to the bank
    public void Refused_moves(PaymentStatus from, PaymentStatus to)
    {
        Assert.False(PaymentLifecycle.CanMove(from, to));
        Assert.Throws<InvalidOperationException>(() => PaymentLifecycle.Move(from, to));
    }

    [Fact]
    public void The_set_based_moves_of_the_workers_are_moves_the_state_machine_allows()
    {
        // The SQL statements take their statuses from these; a forbidden one would not construct.
        Assert.Equal(["Instructed"], PaymentLifecycle.Unfund.From);
        Assert.Equal("Funded", PaymentLifecycle.Fund.To);
        Assert.Equal(["Instructed", "Unfunded"], PaymentLifecycle.Fund.From);
        Assert.Equal(["Funded"], PaymentLifecycle.Batch.From);
        Assert.Equal(["Batched"], PaymentLifecycle.Submit.From);
        Assert.Equal(["Submitted"], PaymentLifecycle.Settle.From);
        Assert.Throws<InvalidOperationException>(() => new SetBasedMove(PaymentStatus.Cancelled, PaymentStatus.Batched));
    }
}
