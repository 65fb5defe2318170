using System.Globalization;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Policies;

namespace ReliefPlatform.Eligibility.MeansTest;

/// <summary>The household and circumstances an assessment looks at (from the application, or a reassessment).</summary>
public sealed record HouseholdFacts(
    Scheme Scheme,
    TemporaryAssistanceKind? Kind,
    string ApplicantIdNumber,
    string ResidenceCounty,
    AreaType AreaType,
    IReadOnlyList<HouseholdMember> Members,
    Circumstances Circumstances);

/// <summary>What the roster says about the household's people (R4 R5 "not in dibao", R9 "a roster household").</summary>
public sealed record RosterFacts(bool AnyMemberInDibao, bool AnyMemberInDibaoOrTekun);

/// <summary>The outcome of an assessment with every step that led to it.</summary>
public sealed record MeansTestResult(
    AssessmentOutcome Outcome,
    string Category,
    decimal? MonthlyAmount,
    decimal? Standard,
    decimal? CountedIncome,
    decimal? PerCapitaIncome,
    string ReasonZh,
    string ReasonEn,
    IReadOnlyList<RuleTraceStep> Trace);

/// <summary>
/// The means test (R6) and the conditions of each scheme (R4 R5 R9 R10 R13, tekun), as a plain
/// function of the household's facts and the policy in force on the assessment date. Every step is
/// written to the trace with its figures and rule id, in Chinese and English (R20).
/// Amounts are CNY; a computed amount is rounded to the fen half away from zero (四舍五入).
/// </summary>
public static class MeansTestCalculator
{
    public static MeansTestResult Assess(HouseholdFacts facts, PolicySnapshot policy, RosterFacts roster)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(roster);
        var trace = new List<RuleTraceStep>
        {
            new("policy", $"适用 {policy.Date:yyyy-MM-dd} 有效的政策标准。", $"Policy in force on {policy.Date:yyyy-MM-dd} applies."),
        };

        return facts.Scheme switch
        {
            Scheme.Dibao => Dibao(facts, policy, trace),
            Scheme.Tekun => Tekun(facts, policy, trace),
            _ => Temporary(facts, policy, roster, trace),
        };
    }

    /// <summary>R6: counted household income, after the employment-cost deduction of each employed member.</summary>
    public static decimal CountedIncome(HouseholdFacts facts, PolicySnapshot policy, List<RuleTraceStep> trace)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trace);
        var rate = policy.RequiredParameter(PolicyParameters.EmploymentCostDeductionRate);
        var total = 0m;
        for (var i = 0; i < facts.Members.Count; i++)
        {
            var member = facts.Members[i];
            var income = member.MonthlyIncomes.Sum(m => m.Amount);
            var counted = income;
            if (member.EmploymentStatus is EmploymentStatus.Employed or EmploymentStatus.Flexible && member.WorkCounty is { } workCounty)
            {
                var workStandard = policy.Standard(workCounty, AreaType.Urban, StandardKind.Dibao)
                    ?? throw new PolicyMissingException($"No urban dibao standard of {workCounty} is in force on {policy.Date:yyyy-MM-dd}.");
                var deduction = Fen(rate * workStandard.MonthlyAmount);
                counted = Math.Max(0m, income - deduction);
                trace.Add(new("R6",
                    $"成员 {i + 1}（{PersonalData.MaskName(member.Name)}）月收入 {Yuan(income)} 元，就业成本扣减 {Percent(rate)} × 工作地 {workCounty} 城市低保标准 {Yuan(workStandard.MonthlyAmount)} 元 = {Yuan(deduction)} 元，计入 {Yuan(counted)} 元。",
                    $"Member {i + 1} earns CNY {Yuan(income)}/month; employment-cost deduction {Percent(rate)} × urban standard of work county {workCounty} CNY {Yuan(workStandard.MonthlyAmount)} = CNY {Yuan(deduction)}; counted CNY {Yuan(counted)}."));
            }
            else
            {
                trace.Add(new("R6",
                    $"成员 {i + 1}（{PersonalData.MaskName(member.Name)}）月收入 {Yuan(income)} 元，全额计入。",
                    $"Member {i + 1} has CNY {Yuan(income)}/month, counted in full."));
            }

            total += counted;
        }

        trace.Add(new("R6", $"家庭月计算收入合计 {Yuan(total)} 元。", $"Counted household income CNY {Yuan(total)}/month."));
        return total;
    }

    private static MeansTestResult Dibao(HouseholdFacts facts, PolicySnapshot policy, List<RuleTraceStep> trace)
    {
        var standard = RequiredStandard(policy, facts.ResidenceCounty, facts.AreaType, StandardKind.Dibao);
        var members = facts.Members.Count;
        var counted = CountedIncome(facts, policy, trace);
        var perCapita = Fen(counted / members);
        trace.Add(new("R6",
            $"家庭人均月收入 {Yuan(counted)} ÷ {members} = {Yuan(perCapita)} 元；居住地 {facts.ResidenceCounty}{AreaZh(facts.AreaType)}低保标准 {Yuan(standard)} 元。",
            $"Per-capita income CNY {Yuan(counted)} ÷ {members} = CNY {Yuan(perCapita)}; {WireName(facts.AreaType)} dibao standard of {facts.ResidenceCounty} CNY {Yuan(standard)}."));

        // Strictly below the standard; compared as totals so that no rounding of the per-capita figure decides.
        if (counted < standard * members)
        {
            var benefit = Fen(standard * members - counted);
            trace.Add(new("dibao",
                $"人均收入低于低保标准，符合低保条件；月保障金 = {Yuan(standard)} × {members} − {Yuan(counted)} = {Yuan(benefit)} 元。",
                $"Per-capita income is below the standard: eligible for dibao; monthly benefit = {Yuan(standard)} × {members} − {Yuan(counted)} = CNY {Yuan(benefit)}."));
            return new(AssessmentOutcome.Eligible, AssistanceCategories.Dibao, benefit, standard, counted, perCapita,
                $"家庭人均月收入 {Yuan(perCapita)} 元低于低保标准 {Yuan(standard)} 元，月保障金 {Yuan(benefit)} 元",
                $"per-capita income CNY {Yuan(perCapita)} is below the dibao standard CNY {Yuan(standard)}; monthly benefit CNY {Yuan(benefit)}",
                trace);
        }

        var factor = policy.RequiredParameter(PolicyParameters.NearDibaoFactor);
        if (counted < factor * standard * members)
        {
            trace.Add(new("near-dibao",
                $"人均收入不低于低保标准，但低于 {factor} 倍标准 {Yuan(Fen(factor * standard))} 元：列为低保边缘家庭，纳入监测。",
                $"Per-capita income is not below the standard but below {factor} × standard (CNY {Yuan(Fen(factor * standard))}): a near-dibao household, monitored."));
            return new(AssessmentOutcome.NotEligible, AssistanceCategories.NearDibao, null, standard, counted, perCapita,
                $"家庭人均月收入 {Yuan(perCapita)} 元不低于低保标准 {Yuan(standard)} 元；已列为低保边缘家庭",
                $"per-capita income CNY {Yuan(perCapita)} is not below the dibao standard CNY {Yuan(standard)}; recorded as a near-dibao household",
                trace);
        }

        trace.Add(new("dibao", "人均收入不低于低保标准，不符合低保条件。", "Per-capita income is not below the standard: not eligible for dibao."));
        return new(AssessmentOutcome.NotEligible, "none", null, standard, counted, perCapita,
            $"家庭人均月收入 {Yuan(perCapita)} 元不低于低保标准 {Yuan(standard)} 元",
            $"per-capita income CNY {Yuan(perCapita)} is not below the dibao standard CNY {Yuan(standard)}",
            trace);
    }

    private static MeansTestResult Tekun(HouseholdFacts facts, PolicySnapshot policy, List<RuleTraceStep> trace)
    {
        var person = facts.Members.First(m => m.IdNumber == facts.ApplicantIdNumber);
        var income = person.MonthlyIncomes.Sum(m => m.Amount);
        var standard = RequiredStandard(policy, facts.ResidenceCounty, facts.AreaType, StandardKind.Tekun);
        var noWork = person.WorkAbility == WorkAbility.None;
        var noIncome = income == 0m;
        var noSupporter = !person.HasLegalSupporter;
        trace.Add(new("tekun",
            $"特困条件：无劳动能力 {YesNoZh(noWork)}；无生活来源（月收入 {Yuan(income)} 元）{YesNoZh(noIncome)}；无法定赡养抚养扶养义务人 {YesNoZh(noSupporter)}。",
            $"Tekun conditions: no work ability {YesNoEn(noWork)}; no income (CNY {Yuan(income)}) {YesNoEn(noIncome)}; no legal supporter {YesNoEn(noSupporter)}."));

        if (noWork && noIncome && noSupporter)
        {
            trace.Add(new("tekun", $"符合特困人员条件，基本生活标准 {Yuan(standard)} 元/月。", $"Eligible as a tekun person; basic-living standard CNY {Yuan(standard)}/month."));
            return new(AssessmentOutcome.Eligible, AssistanceCategories.Tekun, standard, standard, income, income,
                $"无劳动能力、无生活来源、无法定义务人，按特困基本生活标准 {Yuan(standard)} 元/月供养",
                $"no work ability, no income and no legal supporter; supported at the tekun standard of CNY {Yuan(standard)}/month",
                trace);
        }

        var missing = new List<(string Zh, string En)>();
        if (!noWork) missing.Add(("有劳动能力", "has work ability"));
        if (!noIncome) missing.Add(("有收入", "has income"));
        if (!noSupporter) missing.Add(("有法定义务人", "has a legal supporter"));
        return new(AssessmentOutcome.NotEligible, "none", null, standard, income, income,
            $"不符合特困人员条件：{string.Join("、", missing.Select(m => m.Zh))}",
            $"not a tekun person: {string.Join(", ", missing.Select(m => m.En))}",
            trace);
    }

    private static MeansTestResult Temporary(HouseholdFacts facts, PolicySnapshot policy, RosterFacts roster, List<RuleTraceStep> trace)
    {
        var kind = facts.Kind ?? TemporaryAssistanceKind.General;
        var applicant = facts.Members.First(m => m.IdNumber == facts.ApplicantIdNumber);
        var urban = RequiredStandard(policy, facts.ResidenceCounty, AreaType.Urban, StandardKind.Dibao);
        var min = policy.RequiredParameter(PolicyParameters.TemporaryMultiplierMin);
        var max = policy.RequiredParameter(PolicyParameters.TemporaryMultiplierMax);
        trace.Add(new("R8",
            $"临时救助金额为城市低保标准 {Yuan(urban)} 元的 {min}–{max} 倍，由救助服务核定。",
            $"A temporary grant is {min}–{max} × the urban dibao standard CNY {Yuan(urban)}, set by the relief service."));

        (bool Ok, string RuleId, string Zh, string En) check = kind switch
        {
            TemporaryAssistanceKind.UninsuredUnemployed => R4(facts, applicant, policy, roster),
            TemporaryAssistanceKind.UnemployedGraduate => R5(applicant, roster),
            TemporaryAssistanceKind.EpidemicHit => R9(facts, roster),
            TemporaryAssistanceKind.RiskArea => (facts.Circumstances.InRiskArea, "R13",
                facts.Circumstances.InRiskArea ? "居住在中高风险地区，生活暂时困难" : "未处于中高风险地区",
                facts.Circumstances.InRiskArea ? "lives in a medium / high-risk area in temporary difficulty" : "not in a medium / high-risk area"),
            _ => R10(facts),
        };
        trace.Add(new(check.RuleId, check.Zh + "。", check.En + "."));

        var category = ServiceDefaultsWireName(kind);
        return check.Ok
            ? new(AssessmentOutcome.Eligible, category, null, urban, null, null, $"符合临时救助条件（{check.RuleId}）：{check.Zh}", $"eligible for temporary assistance ({check.RuleId}): {check.En}", trace)
            : new(AssessmentOutcome.NotEligible, category, null, urban, null, null, $"不符合临时救助条件（{check.RuleId}）：{check.Zh}", $"not eligible for temporary assistance ({check.RuleId}): {check.En}", trace);
    }

    private static (bool, string, string, string) R4(HouseholdFacts facts, HouseholdMember applicant, PolicySnapshot policy, RosterFacts roster)
    {
        var required = (int)policy.RequiredParameter(PolicyParameters.R4MonthsWithoutIncome);
        var months = facts.Circumstances.MonthsWithoutIncome;
        var problems = new List<(string, string)>();
        if (months < required) problems.Add(($"连续无收入 {months} 个月，不足 {required} 个月", $"{months} months without income, fewer than {required}"));
        if (applicant.UnemploymentInsured) problems.Add(("已参加失业保险", "covered by unemployment insurance"));
        if (roster.AnyMemberInDibao) problems.Add(("已纳入低保", "already in dibao"));
        return problems.Count == 0
            ? (true, "R4", $"连续 {months} 个月无收入、未参加失业保险、未纳入低保", $"{months} months without income, no unemployment insurance, not in dibao")
            : (false, "R4", string.Join("；", problems.Select(p => p.Item1)), string.Join("; ", problems.Select(p => p.Item2)));
    }

    private static (bool, string, string, string) R5(HouseholdMember applicant, RosterFacts roster)
    {
        var graduate = applicant.GraduateStatus is GraduateStatus.Unemployed or GraduateStatus.BusinessFailed;
        if (!graduate)
        {
            return (false, "R5", "申请人不是未就业或创业失败的高校毕业生", "the applicant is not an unemployed graduate or one whose business failed");
        }

        return roster.AnyMemberInDibao
            ? (false, "R5", "已纳入低保", "already in dibao")
            : (true, "R5", "高校毕业生未就业或创业失败、生活困难、未纳入低保", "an unemployed graduate (or whose business failed), in difficulty, not in dibao");
    }

    private static (bool, string, string, string) R9(HouseholdFacts facts, RosterFacts roster)
    {
        if (!roster.AnyMemberInDibaoOrTekun)
        {
            return (false, "R9", "家庭成员不在低保、特困名册中", "no member is on the dibao or tekun roster");
        }

        return facts.Circumstances.QuarantineOrIllnessInFamily
            ? (true, "R9", "低保或特困家庭有成员患病或被隔离，直接救助，不再进行家庭经济状况核对", "a dibao or tekun household with a patient or quarantined member: granted directly, no means test")
            : (false, "R9", "家庭中无患病或被隔离的成员", "no member is a patient or quarantined");
    }

    private static (bool, string, string, string) R10(HouseholdFacts facts)
    {
        var c = facts.Circumstances;
        var hit = c.Urgent || c.MonthsWithoutIncome > 0 || c.QuarantineOrIllnessInFamily || c.InRiskArea;
        return hit
            ? (true, "R10", "基本生活受到冲击，其他救助未能覆盖", "basic living hit and not covered by another scheme")
            : (false, "R10", "申请未说明基本生活受到的冲击（急难、无收入、患病或风险地区）", "the application states no hardship (urgency, months without income, illness or a risk area)");
    }

    private static decimal RequiredStandard(PolicySnapshot policy, string county, AreaType area, StandardKind kind) =>
        policy.Standard(county, area, kind)?.MonthlyAmount
        ?? throw new PolicyMissingException($"No {kind} standard of {county} ({area}) is in force on {policy.Date:yyyy-MM-dd}.");

    public static decimal Fen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string AreaZh(AreaType area) => area == AreaType.Urban ? "城市" : "农村";

    private static string WireName(AreaType area) => area == AreaType.Urban ? "urban" : "rural";

    private static string ServiceDefaultsWireName(TemporaryAssistanceKind kind) => ReliefPlatform.ServiceDefaults.Http.WireName.Of(kind);

    private static string YesNoZh(bool value) => value ? "是" : "否";

    private static string YesNoEn(bool value) => value ? "yes" : "no";
}
