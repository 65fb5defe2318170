using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Oversight.Supervision;

namespace ReliefPlatform.UnitTests.Oversight;

/// <summary>Each supervision rule (R20, issue 19) fires on what it looks for and stays silent on the clean case.</summary>
public sealed class SupervisionRulesTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();
    private const string Ann = "361102199001011234", Bo = "361102198502022345", Cy = "361102197003033456";

    [Fact]
    public void One_phone_on_households_sharing_nobody_fires()
    {
        var flag = SupervisionRules.SharedPhoneOf(new Household(A, "361102", "13900001111", [Ann]), [new Household(B, "361123", "13900001111", [Bo])]);
        Assert.NotNull(flag);
        Assert.Equal(SupervisionRules.SharedPhone, flag.Rule);
        Assert.DoesNotContain("13900001111", flag.SummaryZh, StringComparison.Ordinal); // masked
        Assert.Equal(flag.SubjectKey, SupervisionRules.SharedPhoneOf(new Household(B, "361123", "13900001111", [Bo]), [new Household(A, "361102", "13900001111", [Ann])])!.SubjectKey);
    }

    [Fact]
    public void One_phone_on_the_same_family_applying_again_is_silent()
    {
        Assert.Null(SupervisionRules.SharedPhoneOf(new Household(A, "361102", "13900001111", [Ann, Bo]), [new Household(B, "361102", "13900001111", [Bo])]));
        Assert.Null(SupervisionRules.SharedPhoneOf(new Household(A, "361102", null, [Ann]), [new Household(B, "361102", null, [Bo])]));
    }

    [Fact]
    public void A_declared_relative_in_the_household_fires_and_a_stranger_is_silent()
    {
        var declared = new[] { new DeclaredRelative("p-1", "李经办", "361102001", Bo, "sibling") };
        var flag = Assert.Single(SupervisionRules.RelativeApplicationOf(new Household(A, "361102", null, [Ann, Bo]), declared));
        Assert.Equal(SupervisionRules.RelativeApplication, flag.Rule);
        Assert.DoesNotContain(Bo, System.Text.Json.JsonSerializer.Serialize(flag.Evidence), StringComparison.Ordinal);
        Assert.Empty(SupervisionRules.RelativeApplicationOf(new Household(B, "361102", null, [Ann, Cy]), declared));
    }

    [Fact]
    public void A_person_on_two_active_rosters_fires_and_distinct_households_are_silent()
    {
        var flag = Assert.Single(SupervisionRules.TwoRostersOf(new RosterHousehold(A, "tekun", "361102", [Ann]), [new RosterHousehold(B, "dibao", "361102", [Ann, Bo])]));
        Assert.Equal(SupervisionRules.TwoRosters, flag.Rule);
        Assert.Empty(SupervisionRules.TwoRostersOf(new RosterHousehold(A, "tekun", "361102", [Cy]), [new RosterHousehold(B, "dibao", "361102", [Ann, Bo])]));
        Assert.Empty(SupervisionRules.TwoRostersOf(new RosterHousehold(A, "dibao", "361102", [Ann]), [new RosterHousehold(A, "dibao", "361102", [Ann])])); // its own entry
    }

    [Fact]
    public void A_deceased_member_on_an_active_roster_fires_and_the_living_are_silent()
    {
        var deceased = new Dictionary<string, DateTimeOffset> { [Bo] = DateTimeOffset.UtcNow };
        Assert.Single(SupervisionRules.DeceasedOnRosterOf(deceased, [new RosterHousehold(A, "dibao", "361102", [Ann, Bo])]));
        Assert.Empty(SupervisionRules.DeceasedOnRosterOf(deceased, [new RosterHousehold(A, "dibao", "361102", [Ann, Cy])]));
    }

    [Fact]
    public void A_payment_settled_after_the_payee_was_reported_deceased_fires_and_one_settled_before_is_silent()
    {
        var settled = new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero);
        var flag = SupervisionRules.DeceasedPaidOf(Guid.NewGuid(), "dibao:x:2026-06", "361102", Ann, 680m, settled, settled.AddDays(-3));
        Assert.Equal(SupervisionRules.DeceasedPaid, flag!.Rule);
        Assert.Null(SupervisionRules.DeceasedPaidOf(Guid.NewGuid(), "dibao:x:2026-05", "361102", Ann, 680m, settled, settled.AddDays(3)));
        Assert.Null(SupervisionRules.DeceasedPaidOf(Guid.NewGuid(), "dibao:x:2026-05", "361102", Ann, 680m, settled, null));
    }

    [Fact]
    public void More_grants_than_the_limit_within_the_window_fire_and_up_to_the_limit_is_silent()
    {
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var grants = Enumerable.Range(0, 4).Select(i => (Guid.NewGuid(), 1000m, day.AddDays(i * 30))).ToList();
        Assert.Equal(SupervisionRules.GrantFrequency, SupervisionRules.GrantFrequencyOf(Ann, "361102", grants, limit: 3, windowDays: 365)!.Rule);
        Assert.Null(SupervisionRules.GrantFrequencyOf(Ann, "361102", grants.Take(3).ToList(), limit: 3, windowDays: 365));
    }

    [Fact]
    public void The_fullest_window_holding_a_grant_may_end_at_a_later_grant_consumed_before_it()
    {
        // R20: grants on days 0 and 200 are remembered; the one of day 100 is consumed last. The window ending at it holds
        // two (the limit), the one ending at day 200 holds all three: that is the window the rule judges.
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var grants = new[] { 0, 200, 100 }.Select(d => (Guid.NewGuid(), 1000m, day.AddDays(d))).ToList();
        var fullest = SupervisionRules.FullestWindowOf(grants, day.AddDays(100), windowDays: 365);
        Assert.Equal(3, fullest.Count);
        Assert.NotNull(SupervisionRules.GrantFrequencyOf(Ann, "361102", fullest, limit: 2, windowDays: 365));

        // A later grant past the window's reach (day 500) does not count: no window of 365 days holds it and day 100.
        var apart = new[] { 0, 500, 100 }.Select(d => (Guid.NewGuid(), 1000m, day.AddDays(d))).ToList();
        Assert.Equal(2, SupervisionRules.FullestWindowOf(apart, day.AddDays(100), windowDays: 365).Count);
    }

    [Fact]
    public void More_grants_by_one_approver_than_the_limit_fire_and_up_to_the_limit_is_silent()
    {
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var six = SupervisionRules.ApproverFrequencyOf("p-9", "赵审批", "361102", new ApprovedInWindow(6, 6000m, day), limit: 5, windowDays: 30);
        Assert.Equal(SupervisionRules.ApproverFrequency, six!.Rule);
        Assert.Equal("approver:p-9:from:2026-03-01", six.SubjectKey);
        Assert.Equal(6000m, six.Evidence["total"]);
        Assert.Null(SupervisionRules.ApproverFrequencyOf("p-9", "赵审批", "361102", new ApprovedInWindow(5, 5000m, day), limit: 5, windowDays: 30));
    }

    [Fact]
    public void A_grant_above_the_range_without_a_case_by_case_decision_fires_and_within_range_or_case_by_case_is_silent()
    {
        Assert.Equal(SupervisionRules.GrantAboveRange, SupervisionRules.GrantAboveRangeOf(A, "361102", 3000.01m, 3000m, caseByCase: false)!.Rule);
        Assert.Null(SupervisionRules.GrantAboveRangeOf(A, "361102", 3000.01m, 3000m, caseByCase: true));
        Assert.Null(SupervisionRules.GrantAboveRangeOf(A, "361102", 3000m, 3000m, caseByCase: false));
        Assert.Null(SupervisionRules.GrantAboveRangeOf(A, "361102", 5000m, null, caseByCase: false));
    }

    [Fact]
    public void One_account_for_payees_of_unrelated_households_fires_and_within_one_family_is_silent()
    {
        var others = new[] { (Bo, "361123") };
        Assert.Equal(SupervisionRules.SharedAccount, SupervisionRules.SharedAccountOf(Ann, "361102", "ab12", others, new HashSet<string> { Ann })!.Rule);
        Assert.Null(SupervisionRules.SharedAccountOf(Ann, "361102", "ab12", others, new HashSet<string> { Ann, Bo })); // Bo is in Ann's household
        Assert.Null(SupervisionRules.SharedAccountOf(Ann, "361102", "ab12", [], new HashSet<string> { Ann }));
    }

    [Fact]
    public void A_payment_soon_after_an_account_change_fires_and_after_the_window_or_to_a_first_account_is_silent()
    {
        var changed = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(SupervisionRules.RecentAccountChange,
            SupervisionRules.RecentAccountChangeOf(Guid.NewGuid(), "361102", Ann, 680m, changed.AddDays(3), changed, replaced: true, withinDays: 30)!.Rule);
        Assert.Null(SupervisionRules.RecentAccountChangeOf(Guid.NewGuid(), "361102", Ann, 680m, changed.AddDays(31), changed, replaced: true, withinDays: 30));
        Assert.Null(SupervisionRules.RecentAccountChangeOf(Guid.NewGuid(), "361102", Ann, 680m, changed.AddDays(3), changed, replaced: false, withinDays: 30));
        Assert.Null(SupervisionRules.RecentAccountChangeOf(Guid.NewGuid(), "361102", Ann, 680m, changed.AddDays(3), null, replaced: true, withinDays: 30));
    }

    [Fact]
    public void A_member_in_prison_on_an_active_roster_fires_and_the_free_are_silent()
    {
        var imprisoned = new Dictionary<string, DateTimeOffset> { [Bo] = DateTimeOffset.UtcNow };
        Assert.Equal(SupervisionRules.ImprisonedOnRoster, Assert.Single(SupervisionRules.ImprisonedOnRosterOf(imprisoned, [new RosterHousehold(A, "dibao", "361102", [Ann, Bo])])).Rule);
        Assert.Empty(SupervisionRules.ImprisonedOnRosterOf(imprisoned, [new RosterHousehold(A, "dibao", "361102", [Ann, Cy])]));
    }

    [Fact]
    public void An_asset_above_the_limit_is_a_flag_once_per_household_kind_and_person()
    {
        var first = SupervisionRules.AssetsAboveLimitOf(A, "361102", "dibao", "vehicle", Ann, 80_000m, 50_000m, null, "vehicles");
        var again = SupervisionRules.AssetsAboveLimitOf(A, "361102", "dibao", "vehicle", Ann, 82_000m, 50_000m, null, "vehicles");
        Assert.Equal(SupervisionRules.AssetsAboveLimit, first.Rule);
        Assert.Equal(first.SubjectKey, again.SubjectKey);
        Assert.DoesNotContain(Ann, first.SummaryZh, StringComparison.Ordinal);
    }
}

/// <summary>The asset limits (R6, R20): one home for an application's verification and the roster's check.</summary>
public sealed class AssetThresholdsTests
{
    private const string Ann = "361102199001011234", Bo = "361102198502022345";

    [Fact]
    public void Assets_above_the_limits_are_found_and_those_within_them_are_not()
    {
        AssetRecord[] records =
        [
            new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.VehicleOwned, 50_000m), new(Bo, ReliefPlatform.Eligibility.Monitoring.Signal.VehicleOwned, 49_999.99m),
            new(Bo, ReliefPlatform.Eligibility.Monitoring.Signal.BusinessRegistered, null),
            new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.PropertyOwned, null), new(Bo, ReliefPlatform.Eligibility.Monitoring.Signal.PropertyOwned, null),
            new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.Deposits, 90_000m), new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.Deposits, 30_000m), // the latest balance counts
        ];
        var excess = AssetThresholds.Of(records, householdSize: 2, vehicleThreshold: 50_000m, depositsPerPerson: 20_000m);
        Assert.Equal([ReliefPlatform.Eligibility.Monitoring.Department.Vehicles, ReliefPlatform.Eligibility.Monitoring.Department.Business, ReliefPlatform.Eligibility.Monitoring.Department.RealEstate],
            excess.Select(e => e.Department));
        Assert.Equal(Ann, excess[0].IdNumber);
        Assert.Equal(2, excess[2].Count);
        Assert.Empty(AssetThresholds.Of([new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.Deposits, 40_000m)], 2, 50_000m, 20_000m));
        Assert.Single(AssetThresholds.Of([new(Ann, ReliefPlatform.Eligibility.Monitoring.Signal.Deposits, 40_000.01m)], 2, 50_000m, 20_000m));
    }
}
