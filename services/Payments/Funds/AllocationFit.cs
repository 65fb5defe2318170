namespace ReliefPlatform.Payments.Funds;

/// <summary>Which of the oldest waiting payments an allocation pays: the longest run, in order, whose sum stays within the balance.</summary>
public static class AllocationFit
{
    public static (int Count, decimal Total) Take(IReadOnlyList<decimal> amountsOldestFirst, decimal balance)
    {
        ArgumentNullException.ThrowIfNull(amountsOldestFirst);
        var total = 0m;
        var count = 0;
        foreach (var amount in amountsOldestFirst)
        {
            if (total + amount > balance)
            {
                break;
            }

            total += amount;
            count++;
        }

        return (count, total);
    }
}
