using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Eligibility.Roster;

namespace ReliefPlatform.UnitTests.Eligibility;

public sealed class GradualExitTests
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private static Recipient Active() => new()
    {
        Category = RecipientCategory.Dibao,
        Status = RecipientStatus.Active,
        MonthlyAmount = 500m,
        StartDate = new DateOnly(2025, 1, 1),
        Persons = [new RosterPerson { IdNumber = "A", IsActive = true }],
    };

    [Fact]
    public void A_household_whose_member_found_work_keeps_its_benefit_for_the_period()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);

        Assert.Equal(RecipientStatus.GradualExit, recipient.Status);
        Assert.Equal(new DateOnly(2026, 9, 15), recipient.GradualExitUntil);
        Assert.Equal(500m, recipient.MonthlyAmount);
        Assert.True(recipient.IsPaidFor(new DateOnly(2026, 9, 1)));
        Assert.False(recipient.IsPaidFor(new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void An_exit_before_the_period_ends_is_refused()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);

        Assert.Throws<RosterTransitionException>(() => recipient.Exit(Today.AddMonths(3), "early"));
        Assert.Equal(RecipientStatus.GradualExit, recipient.Status);
        Assert.False(recipient.CompleteGradualExitIfDue(Today.AddMonths(6).AddDays(-1)));
    }

    [Fact]
    public void After_the_period_the_household_exits_and_its_people_are_free()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);

        Assert.True(recipient.CompleteGradualExitIfDue(Today.AddMonths(6)));
        Assert.Equal(RecipientStatus.Exited, recipient.Status);
        Assert.All(recipient.Persons, p => Assert.False(p.IsActive));
        Assert.False(recipient.IsPaidFor(Today.AddMonths(7)));
    }

    [Fact]
    public void Income_falling_again_during_the_period_returns_the_household_to_active()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);
        recipient.Continue(420m);

        Assert.Equal(RecipientStatus.Active, recipient.Status);
        Assert.Null(recipient.GradualExitUntil);
        Assert.Equal(420m, recipient.MonthlyAmount);
    }

    [Fact]
    public void Only_an_active_household_starts_a_gradual_exit_and_an_exited_one_stays_out()
    {
        var recipient = Active();
        recipient.Exit(Today, "moved away");

        Assert.Throws<RosterTransitionException>(() => recipient.StartGradualExit(Today, 6));
        Assert.Throws<RosterTransitionException>(() => recipient.Continue(100m));
        Assert.Throws<RosterTransitionException>(() => recipient.Exit(Today, "again"));
    }

    [Fact]
    public void A_reassessment_over_the_standard_after_finding_work_starts_the_gradual_exit()
    {
        var recipient = Active();

        var effect = recipient.Reassess(null, incomeRoseFromWork: true, Today, 6, "复核");

        Assert.Equal(ReassessmentOutcome.GradualExitStarted, effect.Outcome);
        Assert.Equal("R7", effect.Trace.RuleId);
        Assert.Equal(RecipientStatus.GradualExit, recipient.Status);
        Assert.Equal(Today.AddMonths(6), recipient.GradualExitUntil);
    }

    [Fact]
    public void A_reassessment_over_the_standard_without_new_work_exits()
    {
        var recipient = Active();

        var effect = recipient.Reassess(null, incomeRoseFromWork: false, Today, 6, "复核");

        Assert.Equal(ReassessmentOutcome.Exited, effect.Outcome);
        Assert.Equal(RecipientStatus.Exited, recipient.Status);
        Assert.All(recipient.Persons, p => Assert.False(p.IsActive));
    }

    [Fact]
    public void A_reassessment_under_the_standard_continues_with_the_new_amount_even_in_gradual_exit()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);

        var effect = recipient.Reassess(320m, incomeRoseFromWork: false, Today.AddMonths(1), 6, "复核");

        Assert.Equal(ReassessmentOutcome.Continued, effect.Outcome);
        Assert.Equal(RecipientStatus.Active, recipient.Status);
        Assert.Equal(320m, recipient.MonthlyAmount);
        Assert.Null(recipient.GradualExitUntil);
    }

    [Fact]
    public void A_reassessment_over_the_standard_during_the_gradual_exit_keeps_the_period()
    {
        var recipient = Active();
        recipient.StartGradualExit(Today, 6);

        var effect = recipient.Reassess(null, incomeRoseFromWork: true, Today.AddMonths(2), 6, "复核");

        Assert.Equal(ReassessmentOutcome.GradualExitContinues, effect.Outcome);
        Assert.Equal(RecipientStatus.GradualExit, recipient.Status);
        Assert.Equal(Today.AddMonths(6), recipient.GradualExitUntil);
    }

    private static HouseholdMember Member(EmploymentStatus status, params (IncomeSource Source, decimal Amount)[] incomes) =>
        new("361102198001011236", "张三", Relation.Self, [.. incomes.Select(i => new MonthlyIncome(i.Source, i.Amount))], status,
            status is EmploymentStatus.Employed or EmploymentStatus.Flexible ? "361102" : null, false, false, false, GraduateStatus.None, WorkAbility.Full, false);

    public static TheoryData<string, HouseholdMember, HouseholdMember, bool> WorkChanges() => new()
    {
        { "a new job", Member(EmploymentStatus.Unemployed), Member(EmploymentStatus.Employed, (IncomeSource.Wage, 2600m)), true },
        { "a higher wage, same job", Member(EmploymentStatus.Employed, (IncomeSource.Wage, 1200m)), Member(EmploymentStatus.Employed, (IncomeSource.Wage, 2600m)), true },
        { "more hours of flexible work", Member(EmploymentStatus.Flexible, (IncomeSource.Wage, 600m)), Member(EmploymentStatus.Flexible, (IncomeSource.Wage, 1500m)), true },
        { "a small business earning more", Member(EmploymentStatus.Flexible, (IncomeSource.Business, 500m)), Member(EmploymentStatus.Flexible, (IncomeSource.Business, 1800m)), true },
        { "a pension, not work", Member(EmploymentStatus.Retired, (IncomeSource.Pension, 800m)), Member(EmploymentStatus.Retired, (IncomeSource.Pension, 2200m)), false },
        { "the same wage", Member(EmploymentStatus.Employed, (IncomeSource.Wage, 1200m)), Member(EmploymentStatus.Employed, (IncomeSource.Wage, 1200m)), false },
        { "a lower wage", Member(EmploymentStatus.Employed, (IncomeSource.Wage, 1200m)), Member(EmploymentStatus.Employed, (IncomeSource.Wage, 900m)), false },
    };

    [Theory]
    [MemberData(nameof(WorkChanges))]
    public void A_gradual_exit_follows_any_rise_of_income_from_work_not_only_a_new_job(string what, HouseholdMember before, HouseholdMember after, bool fromWork) =>
        Assert.True(WorkIncome.RoseFromWork([before], [after]) == fromWork, what);
}
