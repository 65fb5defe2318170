using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Relief.Grants;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class GrantCalculatorTests
{
    private static readonly TemporaryGrantBasis Basis = new("361102198001011236", "张三", true,
        [new PayingCountyOption("361102", 870m), new PayingCountyOption("361123", 850m)], 2m, 4m);

    private static GrantProposal Proposal(string? county = null, decimal? multiplier = null, decimal? amount = null, string? approvedBy = null, string? reason = null) =>
        new(county, multiplier, amount, "caseworker-1", approvedBy, reason);

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
        Assert.Equal("case_by_case_reason_missing", GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: "approver")).Refusal!.Code);
        Assert.Equal("case_by_case_approver_missing", GrantCalculator.Decide(Basis, Proposal(amount: 5000m, reason: "重大疾病")).Refusal!.Code);
        var sameAsProposer = GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: "caseworker-1", reason: "重大疾病")).Refusal!;
        Assert.Equal("case_by_case_approver_missing", sameAsProposer.Code);
        Assert.True(sameAsProposer.Unprocessable);

        var (decision, refusal) = GrantCalculator.Decide(Basis, Proposal(amount: 5000m, approvedBy: "county-approver", reason: "重大疾病"));
        Assert.Null(refusal);
        Assert.True(decision!.CaseByCase);
        Assert.Equal(5000m, decision.Amount);
        Assert.Equal("county-approver", decision.ApprovedBy);
    }

    [Fact]
    public void An_amount_at_the_top_of_the_range_is_no_case_by_case_and_below_the_range_is_refused()
    {
        Assert.False(GrantCalculator.Decide(Basis, Proposal(amount: 3480m)).Decision!.CaseByCase);
        Assert.Equal("amount_below_range", GrantCalculator.Decide(Basis, Proposal(amount: 1000m)).Refusal!.Code);
    }
}
