using System.Security.Claims;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>A county's client sees its county's rows only; provincial and city clients see all.</summary>
public sealed class CallerTests
{
    private sealed record Row(string Id, string ResidenceCounty, string HukouCounty);

    private static readonly Row[] Rows =
    [
        new("a", "361102", "361102"),
        new("b", "361103", "361102"),
        new("c", "361104", "361104"),
    ];

    private static Caller Of(params string[] counties) =>
        new(new ClaimsPrincipal(new ClaimsIdentity(counties.Select(c => new Claim(PlatformClaims.County, c)), "test")));

    [Fact]
    public void A_county_client_sees_the_rows_of_its_county_by_any_of_their_county_columns()
    {
        var xinzhou = Of("361102");
        Assert.Equal(["a"], xinzhou.Visible(Rows.AsQueryable(), r => r.ResidenceCounty).Select(r => r.Id));
        Assert.Equal(["a", "b"], xinzhou.Visible(Rows.AsQueryable(), r => r.ResidenceCounty, r => r.HukouCounty).Select(r => r.Id));
        Assert.Equal(["b", "c"], Of("361103", "361104").Visible(Rows.AsQueryable(), r => r.ResidenceCounty).Select(r => r.Id));
    }

    [Fact]
    public void Provincial_clients_see_every_row_and_a_client_of_no_county_sees_none()
    {
        Assert.Equal(3, Of(PlatformClaims.AllCounties).Visible(Rows.AsQueryable(), r => r.ResidenceCounty).Count());
        Assert.Empty(Of().Visible(Rows.AsQueryable(), r => r.ResidenceCounty));
    }
}
