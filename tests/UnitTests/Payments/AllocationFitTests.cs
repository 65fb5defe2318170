using ReliefPlatform.Payments.Funds;

namespace ReliefPlatform.UnitTests.Payments;

/// <summary>R19: an allocation pays the oldest waiting payments in order, never beyond its balance.</summary>
public sealed class AllocationFitTests
{
    [Fact]
    public void The_oldest_payments_that_fit_are_drawn_and_the_rest_wait()
    {
        var (count, total) = AllocationFit.Take([300m, 300m, 300m, 300m, 300m], 1000m);
        Assert.Equal(3, count);
        Assert.Equal(900m, total);
    }

    [Fact]
    public void A_payment_that_does_not_fit_stops_the_run_so_older_payments_are_never_overtaken()
    {
        var (count, total) = AllocationFit.Take([400m, 700m, 100m], 1000m);
        Assert.Equal(1, count);
        Assert.Equal(400m, total);
    }

    [Fact]
    public void The_exact_balance_is_spent_to_the_fen()
    {
        Assert.Equal((2, 1000.00m), AllocationFit.Take([999.99m, 0.01m, 0.01m], 1000.00m));
        Assert.Equal((0, 0m), AllocationFit.Take([], 1000m));
    }
}
