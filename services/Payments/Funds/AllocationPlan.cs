namespace ReliefPlatform.Payments.Funds;

/// <summary>
/// Which allocation pays each line of a county, lines in order and allocations oldest first: each
/// allocation takes the longest run of the remaining lines its balance covers (as the funding round
/// does), the next allocation the run after it. -1: nothing can pay the line (yet).
/// </summary>
public static class AllocationPlan
{
    public static int[] Assign(IReadOnlyList<decimal> amounts, IReadOnlyList<decimal> balances)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(balances);
        var assigned = Enumerable.Repeat(-1, amounts.Count).ToArray();
        var next = 0;
        for (var allocation = 0; allocation < balances.Count && next < amounts.Count; allocation++)
        {
            var (count, _) = AllocationFit.Take(amounts.Skip(next).ToList(), balances[allocation]);
            for (var i = next; i < next + count; i++)
            {
                assigned[i] = allocation;
            }

            next += count;
        }

        return assigned;
    }
}
