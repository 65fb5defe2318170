using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Policies;

namespace ReliefPlatform.UnitTests.Eligibility;

public sealed class PolicySnapshotTests
{
    private static readonly CountyStandard[] Versions =
    [
        new() { County = "361102", AreaType = AreaType.Urban, Kind = StandardKind.Dibao, MonthlyAmount = 805m, EffectiveFrom = new DateOnly(2021, 7, 1) },
        new() { County = "361102", AreaType = AreaType.Urban, Kind = StandardKind.Dibao, MonthlyAmount = 850m, EffectiveFrom = new DateOnly(2022, 7, 1) },
        new() { County = "361102", AreaType = AreaType.Urban, Kind = StandardKind.Dibao, MonthlyAmount = 900m, EffectiveFrom = new DateOnly(2023, 7, 1) },
    ];

    private static readonly PolicyParameter[] Parameters =
    [
        new() { Name = PolicyParameters.GradualExitMonths, Value = 6m, EffectiveFrom = new DateOnly(2022, 1, 1) },
        new() { Name = PolicyParameters.GradualExitMonths, Value = 9m, EffectiveFrom = new DateOnly(2024, 1, 1) },
    ];

    [Theory]
    [InlineData("2021-06-30", null)]
    [InlineData("2021-07-01", 805)]
    [InlineData("2022-06-30", 805)]
    [InlineData("2022-07-01", 850)] // R11: the new standard applies from its first day
    [InlineData("2023-12-31", 900)]
    public void The_version_in_force_on_the_date_is_chosen(string date, int? expected)
    {
        var snapshot = new PolicySnapshot(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Versions, Parameters);

        Assert.Equal(expected is null ? null : (decimal)expected, snapshot.Standard("361102", AreaType.Urban, StandardKind.Dibao)?.MonthlyAmount);
    }

    [Fact]
    public void Parameters_are_chosen_by_date_too()
    {
        Assert.Equal(6m, new PolicySnapshot(new DateOnly(2023, 1, 1), Versions, Parameters).Parameter(PolicyParameters.GradualExitMonths));
        Assert.Equal(9m, new PolicySnapshot(new DateOnly(2024, 1, 1), Versions, Parameters).Parameter(PolicyParameters.GradualExitMonths));
        Assert.Throws<PolicyMissingException>(() => new PolicySnapshot(new DateOnly(2021, 1, 1), Versions, Parameters).RequiredParameter(PolicyParameters.GradualExitMonths));
    }

    [Fact]
    public void Another_county_or_area_does_not_stand_in()
    {
        var snapshot = new PolicySnapshot(new DateOnly(2023, 1, 1), Versions, Parameters);

        Assert.Null(snapshot.Standard("361103", AreaType.Urban, StandardKind.Dibao));
        Assert.Null(snapshot.Standard("361102", AreaType.Rural, StandardKind.Dibao));
        Assert.Null(snapshot.Standard("361102", AreaType.Urban, StandardKind.Tekun));
    }
}
