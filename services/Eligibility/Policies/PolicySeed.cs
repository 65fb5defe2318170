using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;

namespace ReliefPlatform.Eligibility.Policies;

/// <summary>
/// EXAMPLE VALUES, not Shangrao's official figures: an illustrative set so that a new installation
/// can assess applications. Each county's civil-affairs bureau records its real standards through
/// the policy API, with their effective dates, before going live.
/// </summary>
internal static class PolicySeed
{
    private static readonly DateTimeOffset SeededAt = new(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const string SeededBy = "seed (example values)";
    private const string ExampleCity = "361100";

    public static void Apply(ModelBuilder modelBuilder)
    {
        var standards = new List<CountyStandard>();
        long key = -1; // negative: identity values from 1 up stay free for recorded changes
        // 2021 and 2022 versions, so that the history and date selection are visible from day one (R11: raised by end of June).
        // The example installation is Shangrao's (上饶市): its twelve counties in force get example standards.
        foreach (var county in PlaceRegistry.Current.ChildrenOf(ExampleCity).Where(c => c.IsCurrent).Select(c => c.Code))
        {
            var districtBonus = county.StartsWith("3611", StringComparison.Ordinal) && county[4] == '0' ? 20m : 0m; // the three districts
            foreach (var (from, urban, rural) in new[] { (new DateOnly(2021, 7, 1), 805m, 610m), (new DateOnly(2022, 7, 1), 850m, 660m) })
            {
                standards.Add(Standard(key--, county, AreaType.Urban, StandardKind.Dibao, urban + districtBonus, from));
                standards.Add(Standard(key--, county, AreaType.Rural, StandardKind.Dibao, rural + districtBonus, from));
                // Tekun basic living standard at 1.3 × the dibao standard, a common local rule.
                standards.Add(Standard(key--, county, AreaType.Urban, StandardKind.Tekun, Math.Round((urban + districtBonus) * 1.3m, 0), from));
                standards.Add(Standard(key--, county, AreaType.Rural, StandardKind.Tekun, Math.Round((rural + districtBonus) * 1.3m, 0), from));
            }

        }

        modelBuilder.Entity<CountyStandard>().HasData(standards);

        var from2022 = new DateOnly(2022, 1, 1);
        long p = -1;
        modelBuilder.Entity<PolicyParameter>().HasData(
            Parameter(p--, PolicyParameters.NearDibaoFactor, 1.5m, from2022),
            Parameter(p--, PolicyParameters.EmploymentCostDeductionRate, 0.30m, from2022),
            Parameter(p--, PolicyParameters.GradualExitMonths, 6m, from2022),
            Parameter(p--, PolicyParameters.TemporaryMultiplierMin, 2m, from2022),
            Parameter(p--, PolicyParameters.TemporaryMultiplierMax, 4m, from2022),
            Parameter(p--, PolicyParameters.R4MonthsWithoutIncome, 3m, from2022),
            Parameter(p--, PolicyParameters.MedicalOutOfPocketThreshold, 10_000m, from2022),
            // The procedure's time limits and re-certification periods (issue 17): common local choices.
            Parameter(p--, PolicyParameters.DisclosureDays, 7m, from2022),
            Parameter(p--, PolicyParameters.DecisionDays, 30m, from2022),
            Parameter(p--, PolicyParameters.UrgentDecisionDays, 10m, from2022),
            Parameter(p--, PolicyParameters.InvestigationDays, 10m, from2022),
            Parameter(p--, PolicyParameters.ObjectionDays, 5m, from2022),
            Parameter(p--, PolicyParameters.ReviewRequestDays, 30m, from2022),
            Parameter(p--, PolicyParameters.RecertificationMonthsNoWorkAbility, 12m, from2022),
            Parameter(p--, PolicyParameters.RecertificationMonthsDibao, 6m, from2022),
            Parameter(p--, PolicyParameters.RecertificationMonthsTekun, 12m, from2022),
            Parameter(p--, PolicyParameters.VehicleValueThreshold, 50_000m, from2022),
            Parameter(p--, PolicyParameters.DepositsPerPersonThreshold, 20_000m, from2022),
            Parameter(p, PolicyParameters.AccountCorrectionDays, 5m, from2022));
    }

    private static CountyStandard Standard(long key, string county, AreaType area, StandardKind kind, decimal amount, DateOnly from) => new()
    {
        Key = key, County = county, AreaType = area, Kind = kind, MonthlyAmount = amount, EffectiveFrom = from,
        RecordedBy = SeededBy, RecordedAt = SeededAt, Note = "Example value for a new installation; replace with the county's official standard.",
    };

    private static PolicyParameter Parameter(long key, string name, decimal value, DateOnly from) => new()
    {
        Key = key, Name = name, Value = value, EffectiveFrom = from, RecordedBy = SeededBy, RecordedAt = SeededAt,
        Note = "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.",
    };
}
