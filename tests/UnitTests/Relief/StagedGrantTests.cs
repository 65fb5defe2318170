using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Relief.Cases;
using ReliefPlatform.Relief.Grants;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class StagedGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static ReliefCase Granted(decimal amount, decimal? paidFirst = null)
    {
        var reliefCase = new ReliefCase { Status = CaseStatus.Open, AssistFirstAmount = paidFirst, Basis = new TemporaryGrantBasis("A", "张三", true, [], 2, 4) };
        var proposer = new Actor(ActorKind.Person, "p-1", "李经办", "361102001");
        var approver = new Actor(ActorKind.Person, "p-2", "陈审批", "361102");
        reliefCase.Grant(new GrantDecision("361102", 870m, 2m, amount, false, approver),
            new GrantProposal("361102", 2m, null, proposer, approver, null), Now, GrantingLevel.County);
        return reliefCase;
    }

    [Fact]
    public void Stages_never_add_up_to_more_than_the_grant()
    {
        var reliefCase = Granted(1740m);

        Assert.Equal(1, reliefCase.ReleaseStage(1000m));
        Assert.Equal(2, reliefCase.ReleaseStage(740m));
        Assert.Equal(0m, reliefCase.Remaining);
        Assert.Throws<InvalidOperationException>(() => reliefCase.ReleaseStage(0.01m));
    }

    [Fact]
    public void What_was_paid_first_from_the_reserve_counts_as_the_first_stage()
    {
        var reliefCase = Granted(1740m, paidFirst: 500m);

        Assert.Equal(500m, reliefCase.ReleasedAmount);
        Assert.Equal(1240m, reliefCase.Remaining);
        Assert.Equal(2, reliefCase.ReleaseStage(1240m));
    }

    [Fact]
    public void Rejecting_a_case_paid_first_flags_the_amount_for_recovery()
    {
        var reliefCase = new ReliefCase { Status = CaseStatus.Open, AssistFirstAmount = 800m, ReviewDeadline = Now.AddDays(10), Basis = new TemporaryGrantBasis("A", "张三", true, [], 2, 4) };

        reliefCase.Reject(new Actor(ActorKind.Person, "p-2", "陈审批", "361102"), "不符合条件", Now);

        Assert.Equal(800m, reliefCase.RecoveryAmount);
        Assert.Equal(Now, reliefCase.ReviewedAt);
        Assert.False(reliefCase.ReviewOverdue(Now.AddDays(30)));
    }

    [Fact]
    public void An_unreviewed_case_paid_first_goes_overdue_after_its_deadline()
    {
        var reliefCase = new ReliefCase { AssistFirstAmount = 800m, ReviewDeadline = Now.AddDays(10), Basis = new TemporaryGrantBasis("A", "张三", true, [], 2, 4) };

        Assert.False(reliefCase.ReviewOverdue(Now.AddDays(9)));
        Assert.True(reliefCase.ReviewOverdue(Now.AddDays(11)));
    }
}
