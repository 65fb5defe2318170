using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.Monitoring;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Eligibility.Roster;

namespace ReliefPlatform.UnitTests.Eligibility;

/// <summary>The dibao and tekun procedure's rules (R3, R11, R20; issue 17), without a database.</summary>
public sealed class ProcedureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Caseworker = new(ActorKind.Person, "cw", "李经办", "361102001");
    private static readonly Actor Approver = new(ActorKind.Person, "ap", "王审批", "361102001");
    private static readonly Actor OtherApprover = new(ActorKind.Person, "ap2", "赵审批", "361102001");

    private static PolicySnapshot Policy(DateOnly on) => new(on,
        [
            new CountyStandard { County = "361102", AreaType = AreaType.Urban, Kind = StandardKind.Dibao, MonthlyAmount = 870m, EffectiveFrom = new(2022, 7, 1) },
            new CountyStandard { County = "361102", AreaType = AreaType.Urban, Kind = StandardKind.Dibao, MonthlyAmount = 900m, EffectiveFrom = new(2026, 12, 1) },
        ],
        [
            new PolicyParameter { Name = PolicyParameters.EmploymentCostDeductionRate, Value = 0.30m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.NearDibaoFactor, Value = 1.5m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.VehicleValueThreshold, Value = 50_000m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.DepositsPerPersonThreshold, Value = 20_000m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.RecertificationMonthsDibao, Value = 6m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.RecertificationMonthsNoWorkAbility, Value = 12m, EffectiveFrom = new(2022, 1, 1) },
            new PolicyParameter { Name = PolicyParameters.RecertificationMonthsTekun, Value = 12m, EffectiveFrom = new(2022, 1, 1) },
        ]);

    private static HouseholdMember Member(string id, decimal income, EmploymentStatus employment, WorkAbility ability = WorkAbility.Full) =>
        new(id, "张三", Relation.Self, income == 0 ? [] : [new MonthlyIncome(IncomeSource.Wage, income)], employment,
            employment == EmploymentStatus.Employed ? "361102" : null, false, false, false, GraduateStatus.None, ability, true);

    private static readonly HouseholdMember[] Household = [Member("A", 800m, EmploymentStatus.Employed), Member("B", 0m, EmploymentStatus.Unemployed)];

    private static readonly VerificationAuthorization Letter = new("张三", Now.AddDays(-1), AuthorizationMethod.PaperScan, "scan-001");

    private static Determination Case() => new()
    {
        DeterminationId = Guid.NewGuid(), Scheme = Scheme.Dibao, County = "361102", Township = "361102001", Members = [.. Household],
        Stage = ProcedureStage.Investigation, AppliedOn = new(2026, 11, 1),
    };

    private static InvestigationRecord Proposal(Actor by, bool eligible = true) =>
        new(new(2026, 11, 2), ["王五", "赵六"], "与申报一致", by, Now, eligible, eligible ? "dibao" : "none", eligible ? 1201m : null, "…", "…", Guid.NewGuid());

    [Fact]
    public void A_source_without_data_is_said_to_have_none_and_reported_incomes_above_the_declaration_are_discrepancies()
    {
        var batches = new Dictionary<Department, DateTimeOffset> { [Department.Hrss] = Now.AddDays(-3), [Department.Vehicles] = Now.AddDays(-10) };
        DepartmentRecord[] records =
        [
            new(Department.Hrss, Now.AddDays(-3), "B", Signal.NewIncome, 600m),
            new(Department.Hrss, Now.AddDays(-3), "B", Signal.JobFound, null),
            new(Department.Hrss, Now.AddDays(-3), "someone else", Signal.NewIncome, 9000m),
        ];

        var report = Verifier.Verify(Household, Letter, batches, records, Policy(new(2026, 11, 2)), Now);

        Assert.Equal(Enum.GetValues<Department>().Length, report.Sources.Count);
        Assert.Equal(SourceStatus.NoData, report.Sources.Single(s => s.Source == Department.Banks).Status); // never assumed fine
        Assert.Equal(SourceStatus.NothingRecorded, report.Sources.Single(s => s.Source == Department.Vehicles).Status);
        Assert.Equal(Now.AddDays(-10), report.Sources.Single(s => s.Source == Department.Vehicles).AsOf);
        Assert.Equal(2, report.Discrepancies.Count(d => d.Member == 2)); // the income and the job
        Assert.Equal(600m, report.Incomes.Single(i => i.Member == 2).Verified);
        Assert.Equal(800m, report.Incomes.Single(i => i.Member == 1).Verified);
        Assert.Equal(600m, Verifier.WithVerifiedIncomes(Household, report)[1].TotalMonthlyIncome);
    }

    [Theory]
    [InlineData(Signal.VehicleOwned, 60_000, true)]
    [InlineData(Signal.VehicleOwned, 8_000, false)]
    [InlineData(Signal.Deposits, 50_000, true)]   // above 2 × 20,000
    [InlineData(Signal.Deposits, 30_000, false)]
    [InlineData(Signal.BusinessRegistered, null, true)]
    public void Assets_above_the_thresholds_are_discrepancies(Signal signal, int? amount, bool discrepancy)
    {
        var department = DepartmentSignals.Allowed.Single(d => d.Value.Contains(signal)).Key;
        var report = Verifier.Verify(Household, Letter, new Dictionary<Department, DateTimeOffset> { [department] = Now }, [new(department, Now, "A", signal, amount)],
            Policy(new(2026, 11, 2)), Now);
        Assert.Equal(discrepancy, report.Discrepancies.Any(d => d.Source == department));
    }

    [Fact]
    public void A_proposal_is_disclosed_and_no_decision_comes_before_the_period_ends_or_while_an_objection_is_open()
    {
        var determination = Case();
        determination.Investigate(Proposal(Caseworker), disclosureDays: 7);
        Assert.Equal(ProcedureStage.Disclosure, determination.Stage);
        Assert.Equal(Now.AddDays(7), determination.DisclosureEndsAt);

        var early = Assert.Throws<ProcedureException>(() => determination.Decide(Approver, true, "批准", "approved", Now.AddDays(6), 30));
        Assert.Equal("disclosure_in_progress", early.Code);

        var objection = determination.LodgeObjection(null, null, "有车", Now.AddDays(1));
        var blocked = Assert.Throws<ProcedureException>(() => determination.Decide(Approver, true, "批准", "approved", Now.AddDays(8), 30));
        Assert.Equal("objection_unresolved", blocked.Code);
        Assert.Equal("disclosure_closed", Assert.Throws<ProcedureException>(() => determination.LodgeObjection(null, null, "晚了", Now.AddDays(8))).Code);

        determination.ResolveObjection(objection.ObjectionId, Caseworker, upheld: false, "核查无车", Now.AddDays(2));
        Assert.Equal("same_person", Assert.Throws<ProcedureException>(() => determination.Decide(Caseworker, true, "批准", "approved", Now.AddDays(8), 30)).Code);
        determination.Decide(Approver, true, "批准", "approved", Now.AddDays(8), 30);
        Assert.Equal(ProcedureStage.Approved, determination.Stage);
    }

    [Fact]
    public void An_upheld_objection_sends_the_case_back_to_investigation()
    {
        var determination = Case();
        determination.Investigate(Proposal(Caseworker), 7);
        var objection = determination.LodgeObjection("邻居", "13800000000", "有经营收入", Now.AddDays(1));
        determination.ResolveObjection(objection.ObjectionId, Caseworker, upheld: true, "核实有经营收入", Now.AddDays(2));
        Assert.Equal(ProcedureStage.Investigation, determination.Stage);
        Assert.Null(determination.Investigation);
    }

    [Fact]
    public void A_system_client_cannot_investigate_or_decide()
    {
        var client = new Actor(ActorKind.Client, "dev-province", "省级平台", null);
        Assert.Equal("person_required", Assert.Throws<ProcedureException>(() => Case().Investigate(Proposal(client), 7)).Code);
    }

    [Fact]
    public void A_review_is_handled_by_people_who_took_no_part_in_the_refusal_and_both_decisions_are_kept()
    {
        var determination = Case();
        determination.Investigate(Proposal(Caseworker, eligible: false), 7);
        Assert.Equal(ProcedureStage.Approval, determination.Stage);
        determination.Decide(Approver, false, "收入超标", "income above", Now, reviewDays: 30);
        Assert.Equal(new DateOnly(2026, 12, 2), determination.ReviewRequestUntil);

        determination.RequestReview(Caseworker, "有新证明", Now.AddDays(3));
        Assert.Equal(2, determination.Round);
        Assert.Equal("excluded_person", Assert.Throws<ProcedureException>(() => determination.Investigate(Proposal(Caseworker), 7)).Code);

        var newCaseworker = Caseworker with { Id = "cw2" };
        determination.Investigate(Proposal(newCaseworker), 7);
        Assert.Equal("same_person", Assert.Throws<ProcedureException>(() => determination.Decide(Approver, true, "批准", "ok", Now.AddDays(20), 30)).Code);
        determination.Decide(OtherApprover, true, "批准", "ok", Now.AddDays(20), 30);
        Assert.Equal(["rejected", "review-requested", "approved"], determination.Decisions.Select(d => d.Kind));
    }

    [Fact]
    public void A_review_is_refused_after_its_period()
    {
        var determination = Case();
        determination.Investigate(Proposal(Caseworker, eligible: false), 7);
        determination.Decide(Approver, false, "收入超标", "income above", Now, reviewDays: 30);
        Assert.Equal("review_period_over", Assert.Throws<ProcedureException>(() => determination.RequestReview(Caseworker, "晚了", Now.AddDays(40))).Code);
    }

    [Theory]
    [InlineData(RecipientCategory.Dibao, WorkAbility.Full, 6)]
    [InlineData(RecipientCategory.Dibao, WorkAbility.None, 12)]
    [InlineData(RecipientCategory.Tekun, WorkAbility.None, 12)]
    public void Re_certification_comes_by_category_and_work_ability(RecipientCategory category, WorkAbility ability, int months)
    {
        HouseholdMember[] members = [Member("A", 0m, EmploymentStatus.NotWorking, ability)];
        Assert.Equal(new DateOnly(2026, 11, 2).AddMonths(months), Recertification.NextDate(category, members, new(2026, 11, 2), Policy(new(2026, 11, 2))));
    }

    [Fact]
    public void The_benefit_follows_the_standard_of_each_month()
    {
        // 2 × 870 − (800 − 261) = 1201 in November; 2 × 900 − (800 − 270) = 1270 from December's standard.
        Assert.Equal(1201m, BenefitCalculator.MonthlyAmount(RecipientCategory.Dibao, "361102", AreaType.Urban, "A", Household, new Circumstances(0, false, false, false, null), Policy(new(2026, 11, 1))));
        Assert.Equal(1270m, BenefitCalculator.MonthlyAmount(RecipientCategory.Dibao, "361102", AreaType.Urban, "A", Household, new Circumstances(0, false, false, false, null), Policy(new(2026, 12, 1))));
        Assert.Null(BenefitCalculator.MonthlyAmount(RecipientCategory.Orphan, "361102", AreaType.Urban, "A", Household, new Circumstances(0, false, false, false, null), Policy(new(2026, 12, 1))));
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2026-11-15", "2026-12-01")] // a month follows the standard in force on its first day
    public void A_standard_governs_from_the_first_month_that_starts_under_it(string effective, string first) =>
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
            StandardRecalculation.FirstMonthFrom(DateOnly.Parse(effective, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(4, false, true, false)]
    [InlineData(5, false, true, true)]
    [InlineData(20, false, true, true)]
    [InlineData(20, true, true, false)]  // run already (by an operator, another replica, before a restart)
    [InlineData(20, false, false, false)] // the schedule switched off
    public void The_month_runs_by_itself_from_its_day_once(int day, bool alreadyRun, bool enabled, bool due) =>
        Assert.Equal(due, new ScheduleOptions { Enabled = enabled, MonthlyRunDay = 5 }.MonthlyRunDue(new DateOnly(2026, 12, day), alreadyRun));

    [Fact]
    public void A_correction_keeps_the_original_decision_and_records_good_faith()
    {
        var determination = Case();
        determination.Investigate(Proposal(Caseworker), 7);
        determination.Decide(Approver, true, "批准", "approved", Now.AddDays(8), 30);
        var correction = determination.Correct(OtherApprover, 900m, "漏报经营收入", goodFaith: true, Now.AddDays(40));
        Assert.Equal(["approved", "corrected"], determination.Decisions.Select(d => d.Kind));
        Assert.Equal(1201m, determination.Decisions[0].MonthlyAmount);
        Assert.True(correction.GoodFaith);
    }

    [Fact]
    public void The_public_list_shows_the_surname_and_one_star() => Assert.Equal("张*", ReliefPlatform.Contracts.Shared.PersonalData.Surname("张三丰"));

    [Fact]
    public void A_document_must_begin_as_its_declared_type_does()
    {
        Assert.True(DocumentRules.Matches("application/pdf", "%PDF-1.7"u8));
        Assert.False(DocumentRules.Matches("image/png", "MZ\x90\0"u8));
        Assert.False(DocumentRules.Matches("text/html", "<html>"u8));
    }
}
