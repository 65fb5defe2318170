using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Cases;
using ReliefPlatform.Relief.Grants;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class GrantCalculatorTests
{
    private static readonly TemporaryGrantBasis Basis = new("361102198001011236", "张三", true,
        [new PayingCountyOption("361102", 870m), new PayingCountyOption("361123", 850m)], 2m, 4m);

    private static readonly Actor Caseworker = new(ActorKind.Person, "caseworker-1", "李经办", "361102001");
    private static readonly Actor CountyApprover = new(ActorKind.Person, "approver-1", "陈审批", "361102");

    private static GrantProposal Proposal(string? county = null, decimal? multiplier = null, decimal? amount = null, Actor? approvedBy = null, string? reason = null) =>
        new(county, multiplier, amount, Caseworker, approvedBy, reason);

    [Fact]
    public void The_default_is_the_lowest_multiplier_of_the_first_paying_county()
    {
        var (decision, refusal) = GrantCalculator.Decide(Basis, Proposal());

        Assert.Null(refusal);
        Assert.Equal(("361102", 870m, 2m, 1740m, false), (decision!.PayingCounty, decision.UrbanStandard, decision.Multiplier, decision.Amount, decision.CaseByCase));
    }

    [Theory]
    [InlineData(2.5, 2125.00)]
    [InlineData(4, 3400.00)]
    [InlineData(3.333, 2833.05)] // 3.333 × 850 = 2833.05
    public void A_multiplier_in_range_uses_the_chosen_county_standard(double multiplier, double amount)
    {
        var (decision, _) = GrantCalculator.Decide(Basis, Proposal("361123", (decimal)multiplier));

        Assert.Equal((decimal)amount, decision!.Amount);
        Assert.Equal(850m, decision.UrbanStandard);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(4.01)]
    public void A_multiplier_out_of_range_is_refused(double multiplier)
    {
        var (_, refusal) = GrantCalculator.Decide(Basis, Proposal(multiplier: (decimal)multiplier));

        Assert.Equal("multiplier_out_of_range", refusal!.Code);
        Assert.False(refusal.Unprocessable);
    }

    [Fact]
    public void A_county_not_allowed_for_the_kind_is_refused() =>
        Assert.Equal("paying_county_not_allowed", GrantCalculator.Decide(Basis, Proposal("361130")).Refusal!.Code);

    [Fact]
    public void Above_the_range_needs_a_reason_and_an_independent_approver()
    {
        Assert.Equal("case_by_case_reason_missing", GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: CountyApprover)).Refusal!.Code);
        Assert.Equal("case_by_case_approver_missing", GrantCalculator.Decide(Basis, Proposal(amount: 5000m, reason: "重大疾病")).Refusal!.Code);
        // Four eyes on subjects: the same person under another name is still the same person.
        var sameAsProposer = GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: Caseworker with { Name = "另一个名字" }, reason: "重大疾病")).Refusal!;
        Assert.Equal("case_by_case_approver_missing", sameAsProposer.Code);
        Assert.True(sameAsProposer.Unprocessable);

        var (decision, refusal) = GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: CountyApprover, reason: "重大疾病"));
        Assert.Null(refusal);
        Assert.True(decision!.CaseByCase);
        Assert.Equal(5000m, decision.Amount);
        Assert.Equal(CountyApprover, decision.ApprovedBy);
    }

    [Fact]
    public void An_amount_at_the_top_of_the_range_is_no_case_by_case_and_below_the_range_is_refused()
    {
        Assert.False(GrantCalculator.Decide(Basis, Proposal(amount: 3480m)).Decision!.CaseByCase);
        Assert.Equal("amount_below_range", GrantCalculator.Decide(Basis, Proposal(amount: 1000m)).Refusal!.Code);
    }

    [Theory]
    [InlineData("361102001001", GrantingLevel.Community)] // 上滩头社区居民委员会
    [InlineData("361102001200", GrantingLevel.Village)]   // 东瓦窑村民委员会
    [InlineData("361102001", GrantingLevel.Township)]
    [InlineData("361102", GrantingLevel.County)]
    [InlineData(null, GrantingLevel.County)]            // a system client acts at county level
    public void The_granting_level_is_the_approvers_unit(string? unit, GrantingLevel level)
    {
        var name = unit is null ? "省级平台" : "某人";
        Assert.Equal(level, GrantAuthority.LevelOf(new Actor(unit is null ? ActorKind.Client : ActorKind.Person, "x", name, unit)));
    }

    [Fact]
    public void Below_the_county_a_grant_is_direct_only_in_risk_areas_and_never_case_by_case()
    {
        Assert.Equal("direct_grant_not_allowed", GrantAuthority.Refuses(GrantingLevel.Village, TemporaryAssistanceKind.General, false)!.Code);
        Assert.Null(GrantAuthority.Refuses(GrantingLevel.Community, TemporaryAssistanceKind.RiskArea, false));
        Assert.Null(GrantAuthority.Refuses(GrantingLevel.Township, TemporaryAssistanceKind.General, false));
        Assert.Equal("case_by_case_at_county", GrantAuthority.Refuses(GrantingLevel.Township, TemporaryAssistanceKind.General, true)!.Code);
        Assert.Null(GrantAuthority.Refuses(GrantingLevel.County, TemporaryAssistanceKind.General, true));
    }
}
