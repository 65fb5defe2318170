using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Policies;

namespace ReliefPlatform.UnitTests.Eligibility;

public sealed class MeansTestTests
{
    private const string County = "361123";
    private const string OtherCounty = "361102";
    private static readonly DateOnly Date = new(2022, 8, 1);
    private static readonly RosterFacts NotOnRoster = new(false, false);

    private static PolicySnapshot Policy(decimal urban = 850m, decimal rural = 660m, decimal otherUrban = 900m, decimal tekun = 1105m, decimal rate = 0.30m) => new(
        Date,
        [
            Standard(County, AreaType.Urban, StandardKind.Dibao, urban),
            Standard(County, AreaType.Rural, StandardKind.Dibao, rural),
            Standard(County, AreaType.Urban, StandardKind.Tekun, tekun),
            Standard(OtherCounty, AreaType.Urban, StandardKind.Dibao, otherUrban),
        ],
        [
            Parameter(PolicyParameters.EmploymentCostDeductionRate, rate),
            Parameter(PolicyParameters.NearDibaoFactor, 1.5m),
            Parameter(PolicyParameters.TemporaryMultiplierMin, 2m),
            Parameter(PolicyParameters.TemporaryMultiplierMax, 4m),
            Parameter(PolicyParameters.R4MonthsWithoutIncome, 3m),
        ]);

    private static CountyStandard Standard(string county, AreaType area, StandardKind kind, decimal amount) =>
        new() { County = county, AreaType = area, Kind = kind, MonthlyAmount = amount, EffectiveFrom = new DateOnly(2022, 7, 1) };

    private static PolicyParameter Parameter(string name, decimal value) => new() { Name = name, Value = value, EffectiveFrom = new DateOnly(2022, 1, 1) };

    private static HouseholdMember Member(string id, decimal income, EmploymentStatus employment = EmploymentStatus.NotWorking, string? workCounty = null,
        WorkAbility workAbility = WorkAbility.Full, bool supporter = true, bool insured = false, GraduateStatus graduate = GraduateStatus.None) =>
        new(id, "张三", id == "A" ? Relation.Self : Relation.Spouse, income == 0 ? [] : [new MonthlyIncome(IncomeSource.Wage, income)],
            employment, workCounty, insured, false, false, graduate, workAbility, supporter);

    private static HouseholdFacts Household(Scheme scheme, params HouseholdMember[] members) =>
        new(scheme, null, "A", County, AreaType.Urban, members, new Circumstances(0, false, false, false, null));

    // Dibao (R6): strictly below the standard, compared on totals; benefit = standard × members − counted income.
    [Theory]
    [InlineData(1699.99, AssessmentOutcome.Eligible, "dibao", 0.01)]   // a fen below 2 × 850
    [InlineData(1700.00, AssessmentOutcome.NotEligible, "near-dibao", null)] // exactly at the standard: not eligible
    [InlineData(2549.99, AssessmentOutcome.NotEligible, "near-dibao", null)] // below 1.5 × standard
    [InlineData(2550.00, AssessmentOutcome.NotEligible, "none", null)]
    [InlineData(0, AssessmentOutcome.Eligible, "dibao", 1700.00)]
    public void Dibao_threshold_is_strict(double householdIncome, AssessmentOutcome outcome, string category, double? benefit)
    {
        var result = MeansTestCalculator.Assess(Household(Scheme.Dibao, Member("A", (decimal)householdIncome), Member("B", 0)), Policy(), NotOnRoster);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(category, result.Category);
        Assert.Equal(benefit is null ? null : (decimal)benefit, result.MonthlyAmount);
        Assert.Equal(850m, result.Standard);
    }

    [Fact]
    public void The_employment_cost_deduction_changes_the_outcome()
    {
        // 1,000 of pension: counted in full, not below 850.
        var pension = MeansTestCalculator.Assess(Household(Scheme.Dibao, Member("A", 1000m)), Policy(), NotOnRoster);
        Assert.Equal(AssessmentOutcome.NotEligible, pension.Outcome);

        // 1,000 of wages working in 361102 (urban standard 900): 30 % × 900 = 270 deducted, 730 counted, below 850.
        var wages = MeansTestCalculator.Assess(Household(Scheme.Dibao, Member("A", 1000m, EmploymentStatus.Employed, OtherCounty)), Policy(), NotOnRoster);
        Assert.Equal(AssessmentOutcome.Eligible, wages.Outcome);
        Assert.Equal(730m, wages.CountedIncome);
        Assert.Equal(120m, wages.MonthlyAmount);
        Assert.Contains(wages.Trace, step => step.RuleId == "R6" && step.TextEn.Contains("270.00", StringComparison.Ordinal));
    }

    [Fact]
    public void The_deduction_never_makes_a_member_income_negative()
    {
        var result = MeansTestCalculator.Assess(
            Household(Scheme.Dibao, Member("A", 100m, EmploymentStatus.Flexible, County), Member("B", 500m)), Policy(), NotOnRoster);

        Assert.Equal(500m, result.CountedIncome); // 100 − 255 counts as 0, not −155
        Assert.Equal(1200m, result.MonthlyAmount);
    }

    [Fact]
    public void Deductions_and_benefits_are_rounded_to_the_fen_half_away_from_zero()
    {
        // 30 % of 833.35 = 250.005 → 250.01; 1,000 − 250.01 = 749.99 counted; 3 × 833.35 − 749.99 = 1,750.06.
        var result = MeansTestCalculator.Assess(
            Household(Scheme.Dibao, Member("A", 1000m, EmploymentStatus.Employed, County), Member("B", 0), Member("C", 0)), Policy(urban: 833.35m), NotOnRoster);

        Assert.Equal(749.99m, result.CountedIncome);
        Assert.Equal(250.00m, result.PerCapitaIncome); // 749.99 / 3 = 249.9966… → 250.00
        Assert.Equal(1750.06m, result.MonthlyAmount);
        Assert.Equal(0.01m, MeansTestCalculator.Fen(0.005m));
        Assert.Equal(2.68m, MeansTestCalculator.Fen(2.675m));
    }

    [Fact]
    public void The_trace_explains_each_step_in_both_languages()
    {
        var result = MeansTestCalculator.Assess(Household(Scheme.Dibao, Member("A", 500m)), Policy(), NotOnRoster);

        Assert.Contains(result.Trace, s => s.RuleId == "policy" && s.TextZh.Contains("2022-08-01", StringComparison.Ordinal));
        Assert.Contains(result.Trace, s => s.RuleId == "dibao" && s.TextZh.Contains("350.00", StringComparison.Ordinal) && s.TextEn.Contains("350.00", StringComparison.Ordinal));
        Assert.All(result.Trace, s => Assert.False(string.IsNullOrWhiteSpace(s.TextZh) || string.IsNullOrWhiteSpace(s.TextEn)));
    }

    [Theory]
    [InlineData(WorkAbility.None, 0, false, AssessmentOutcome.Eligible)]
    [InlineData(WorkAbility.Partial, 0, false, AssessmentOutcome.NotEligible)]
    [InlineData(WorkAbility.None, 50, false, AssessmentOutcome.NotEligible)]
    [InlineData(WorkAbility.None, 0, true, AssessmentOutcome.NotEligible)]
    public void Tekun_needs_no_work_ability_no_income_and_no_supporter(WorkAbility ability, double income, bool supporter, AssessmentOutcome outcome)
    {
        var result = MeansTestCalculator.Assess(Household(Scheme.Tekun, Member("A", (decimal)income, workAbility: ability, supporter: supporter)), Policy(), NotOnRoster);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(outcome == AssessmentOutcome.Eligible ? 1105m : null, result.MonthlyAmount);
    }

    [Theory]
    [InlineData(3, false, false, AssessmentOutcome.Eligible)]
    [InlineData(2, false, false, AssessmentOutcome.NotEligible)] // fewer than three months
    [InlineData(3, true, false, AssessmentOutcome.NotEligible)]  // unemployment insurance
    [InlineData(3, false, true, AssessmentOutcome.NotEligible)]  // already in dibao
    public void R4_uninsured_unemployed(int months, bool insured, bool inDibao, AssessmentOutcome outcome)
    {
        var facts = Household(Scheme.TemporaryAssistance, Member("A", 0, EmploymentStatus.Unemployed, insured: insured)) with
        {
            Kind = TemporaryAssistanceKind.UninsuredUnemployed,
            Circumstances = new Circumstances(months, false, false, true, null),
        };

        var result = MeansTestCalculator.Assess(facts, Policy(), new RosterFacts(inDibao, inDibao));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal("uninsured-unemployed", result.Category);
        Assert.Contains(result.Trace, s => s.RuleId == "R4");
        Assert.Null(result.MonthlyAmount); // the grant is set by relief (2–4 × 850)
        Assert.Equal(850m, result.Standard);
    }

    [Theory]
    [InlineData(GraduateStatus.Unemployed, false, AssessmentOutcome.Eligible)]
    [InlineData(GraduateStatus.BusinessFailed, false, AssessmentOutcome.Eligible)]
    [InlineData(GraduateStatus.Employed, false, AssessmentOutcome.NotEligible)]
    [InlineData(GraduateStatus.Unemployed, true, AssessmentOutcome.NotEligible)]
    public void R5_unemployed_graduates(GraduateStatus graduate, bool inDibao, AssessmentOutcome outcome)
    {
        var facts = Household(Scheme.TemporaryAssistance, Member("A", 0, graduate: graduate)) with { Kind = TemporaryAssistanceKind.UnemployedGraduate };

        Assert.Equal(outcome, MeansTestCalculator.Assess(facts, Policy(), new RosterFacts(inDibao, inDibao)).Outcome);
    }

    [Theory]
    [InlineData(true, true, AssessmentOutcome.Eligible)]
    [InlineData(false, true, AssessmentOutcome.NotEligible)]
    [InlineData(true, false, AssessmentOutcome.NotEligible)]
    public void R9_roster_households_with_a_patient_are_granted_without_a_means_test(bool onRoster, bool patient, AssessmentOutcome outcome)
    {
        // A high income does not matter: R9 has no means test.
        var facts = Household(Scheme.TemporaryAssistance, Member("A", 5000m)) with
        {
            Kind = TemporaryAssistanceKind.EpidemicHit,
            Circumstances = new Circumstances(0, patient, false, false, null),
        };

        Assert.Equal(outcome, MeansTestCalculator.Assess(facts, Policy(), new RosterFacts(false, onRoster)).Outcome);
    }

    [Fact]
    public void R13_needs_a_risk_area_and_R10_a_stated_hardship()
    {
        var risk = Household(Scheme.TemporaryAssistance, Member("A", 0)) with { Kind = TemporaryAssistanceKind.RiskArea, Circumstances = new Circumstances(0, false, true, false, null) };
        Assert.Equal(AssessmentOutcome.Eligible, MeansTestCalculator.Assess(risk, Policy(), NotOnRoster).Outcome);

        var general = Household(Scheme.TemporaryAssistance, Member("A", 0)) with { Kind = TemporaryAssistanceKind.General };
        Assert.Equal(AssessmentOutcome.NotEligible, MeansTestCalculator.Assess(general, Policy(), NotOnRoster).Outcome);
        Assert.Equal(AssessmentOutcome.Eligible, MeansTestCalculator.Assess(general with { Circumstances = new Circumstances(0, false, false, true, null) }, Policy(), NotOnRoster).Outcome);
    }

    [Fact]
    public void A_missing_standard_is_an_explicit_error_not_a_zero()
    {
        var facts = Household(Scheme.Dibao, Member("A", 0)) with { ResidenceCounty = "361130" };

        Assert.Throws<PolicyMissingException>(() => MeansTestCalculator.Assess(facts, Policy(), NotOnRoster));
    }
}
