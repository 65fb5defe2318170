using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.ServiceDefaults.Security;

/// <summary>
/// Who is calling, from the access token: the client, its scopes and the counties it may act for.
/// A client of one county must not read or change another county's applications, cases, payments or
/// messages: endpoints ask <see cref="MayActFor"/> of the resource's county.
/// </summary>
public sealed class Caller
{
    private readonly HashSet<string> _counties;

    public Caller(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ClientId = user.FindFirst(PlatformClaims.ClientId)?.Value ?? user.FindFirst("sub")?.Value ?? "";
        Scopes = user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        _counties = user.FindAll(PlatformClaims.County).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        AllCounties = _counties.Contains(PlatformClaims.AllCounties);
    }

    public string ClientId { get; }

    public IReadOnlySet<string> Scopes { get; }

    /// <summary>True for provincial and city clients: every county of Shangrao.</summary>
    public bool AllCounties { get; }

    /// <summary>The counties of a county-level client (empty when <see cref="AllCounties"/>).</summary>
    public string[] Counties => AllCounties ? [] : [.. _counties];

    public bool MayActFor(string? county) => AllCounties || (county is not null && _counties.Contains(county));

    public static Caller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Caller(context.User);
    }

    /// <summary>403 naming the county, in both languages.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult CountyForbidden(string? county) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "county_not_permitted", "无权访问 / Forbidden",
            $"该客户端无权处理 {county} 的数据。", $"This client may not act for county {county}.");
}
