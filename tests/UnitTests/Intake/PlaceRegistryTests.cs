using System.Text;
using ReliefPlatform.Places;

namespace ReliefPlatform.UnitTests.Intake;

/// <summary>The shipped places and the questions every service asks of them.</summary>
public sealed class PlaceRegistryTests
{
    private static readonly PlaceRegistry Places = PlaceRegistry.Current;

    [Fact]
    public void Jiangxi_has_its_eleven_cities_and_shangrao_its_twelve_counties_in_force()
    {
        Assert.Equal(11, Places.ChildrenOf("360000").Count(c => c.IsCurrent && c.Level == UnitLevel.City));
        Assert.Equal(
            ["361102", "361103", "361104", "361123", "361124", "361125", "361126", "361127", "361128", "361129", "361130", "361181"],
            Places.ChildrenOf("361100").Where(c => c.IsCurrent).Select(c => c.Code));
        Assert.All(Places.ServedCounties, county => Assert.StartsWith("36", county.Code, StringComparison.Ordinal));
        Assert.InRange(Places.ServedCounties.Count, 90, 110); // Jiangxi's 100 counties, give or take a reform
    }

    [Fact]
    public void A_township_and_a_village_know_their_county_and_what_they_are_inside()
    {
        Assert.Equal(UnitLevel.Township, Places.LevelOf("361102001"));
        Assert.Equal("361102", Places.CountyOf("361102001"));
        var village = Places.ChildrenOf("361102001")[0];
        Assert.Equal(UnitLevel.Village, village.Level);
        Assert.Equal("361102", Places.CountyOf(village.Code));
        Assert.True(Places.IsInside(village.Code, "361100"));
        Assert.True(Places.IsInside(village.Code, "360000"));
        Assert.False(Places.IsInside(village.Code, "361103"));
        Assert.Null(Places.CountyOf("361100")); // a city is in no county
        Assert.Equal("江西省上饶市信州区", Places.FullNameOf("361102"));
    }

    [Fact]
    public void Old_codes_stay_valid_for_identity_numbers_but_not_for_new_registrations()
    {
        // 上饶县: 362321 under 上饶地区 until 2000, then 361121, then 广信区 361104 since 2019.
        Assert.True(Places.IsIdNumberRegion("362321"));
        Assert.True(Places.IsIdNumberRegion("361121"));
        Assert.False(Places.IsCurrentCounty("361121"));
        Assert.True(Places.IsServedCounty("361104"));
        Assert.NotNull(Places.Find("361121")!.ValidTo);
        Assert.False(Places.IsIdNumberRegion("361199"));
        Assert.False(Places.IsIdNumberRegion("361102001")); // a township is no identity-number region
    }

    [Fact]
    public void A_hukou_may_be_anywhere_in_china_but_the_platform_serves_its_province()
    {
        Assert.True(Places.IsCurrentCounty("330102"));  // 杭州市上城区
        Assert.True(Places.IsCurrentCounty("110101"));  // 北京市东城区
        Assert.False(Places.IsServedCounty("330102"));
        Assert.True(Places.IsServedCounty("360102"));   // 南昌市东湖区
        Assert.True(Places.IsServedUnit("361102001"));
        Assert.True(Places.IsServedUnit("360000"));
        Assert.False(Places.IsServedUnit("330000"));
    }

    [Fact]
    public void An_import_adds_units_in_the_same_format_and_a_malformed_row_is_refused_with_its_line()
    {
        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        PlaceRegistry.Read(Csv("""
            code,name,level,parent,valid_from,valid_to
            360102001,公园街道,township,360102,2023-06-30,
            "360102001001","豫章路社区居委会, 东湖",village,360102001,2023-06-30,
            """), "nanchang.csv", places);
        Assert.Equal("豫章路社区居委会, 东湖", places["360102001001"].Name); // quoted fields keep their commas
        Assert.Equal(new DateOnly(2023, 6, 30), places["360102001"].ValidFrom);

        var wrong = Assert.Throws<InvalidDataException>(() => PlaceRegistry.Read(Csv("""
            code,name,level,parent,valid_from,valid_to
            360102001,公园街道,township,360102,2023-06-30,
            36010200,短码,township,360102,2023-06-30,
            """), "bad.csv", places));
        Assert.Contains("bad.csv line 3", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PlaceRegistry.Read(Csv("""
            code,name,level,parent,valid_from,valid_to
            360102001,公园街道,hamlet,360102,2023-06-30,
            """), "bad.csv", places));
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
