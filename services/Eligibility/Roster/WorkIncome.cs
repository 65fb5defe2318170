using ReliefPlatform.Contracts.Intake;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>
/// R7's question: did the household's income rise because of a member's work? Work is wages,
/// self-employment and farming; the rise may come from a new job, more hours or a higher wage, not
/// only from a change of employment status. A rise in pensions, transfers or property income is not
/// work, and a household over the standard for those exits without a gradual period.
/// </summary>
public static class WorkIncome
{
    private static readonly IncomeSource[] FromWork = [IncomeSource.Wage, IncomeSource.Business, IncomeSource.Agriculture];

    public static decimal Of(HouseholdMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.MonthlyIncomes.Where(i => FromWork.Contains(i.Source)).Sum(i => i.Amount);
    }

    /// <summary>True when some member now earns more from work than before (a new member counts from nothing).</summary>
    public static bool RoseFromWork(IReadOnlyList<HouseholdMember> before, IReadOnlyList<HouseholdMember> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.Any(member => Of(member) > (before.FirstOrDefault(b => b.IdNumber == member.IdNumber) is { } was ? Of(was) : 0m));
    }
}
