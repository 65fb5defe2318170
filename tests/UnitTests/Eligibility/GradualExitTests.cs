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
}
