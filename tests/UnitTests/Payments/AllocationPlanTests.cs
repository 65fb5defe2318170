using ReliefPlatform.Payments.Funds;

namespace ReliefPlatform.UnitTests.Payments;

/// <summary>R12, R19: a campaign's lines are drawn at instruction, oldest allocation first, never below zero.</summary>
public sealed class AllocationPlanTests
{
    [Fact]
    public void The_oldest_allocation_pays_the_first_run_and_the_next_one_the_run_after_it()
    {
        Assert.Equal([0, 0, 1, 1, 1], AllocationPlan.Assign([500m, 500m, 500m, 500m, 500m], [1000m, 2000m]));
    }

    [Fact]
    public void Lines_no_allocation_covers_wait_unassigned_and_no_balance_is_overspent()
    {
        var amounts = new[] { 600m, 600m, 600m };
        var balances = new[] { 1000m, 700m };
        var assigned = AllocationPlan.Assign(amounts, balances);

        Assert.Equal([0, 1, -1], assigned);
        for (var allocation = 0; allocation < balances.Length; allocation++)
        {
            Assert.True(amounts.Where((_, i) => assigned[i] == allocation).Sum() <= balances[allocation]);
        }
    }

    [Fact]
    public void An_allocation_too_small_for_the_next_line_is_passed_over_not_used_out_of_order()
    {
        Assert.Equal([1, 1, -1], AllocationPlan.Assign([800m, 800m, 800m], [500m, 1600m]));
        Assert.Equal([-1, -1], AllocationPlan.Assign([1m, 1m], []));
        Assert.Empty(AllocationPlan.Assign([], [1000m]));
    }
}
