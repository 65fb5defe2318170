using System.Linq.Expressions;
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
        Subject = user.FindFirst("sub")?.Value ?? ClientId;
        Unit = user.FindFirst(PlatformClaims.Unit)?.Value;
        Roles = user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Township = Unit is null ? null : TownshipOf(Unit);
        Actor = new Actor(Unit is null ? ActorKind.Client : ActorKind.Person, Subject, user.FindFirst("name")?.Value ?? Subject, Unit);
    }

    /// <summary>The client the token was issued to (for a person: the frontend they signed in through).</summary>
    public string ClientId { get; }

    /// <summary>The token's subject: a person's id, or a system's client id.</summary>
    public string Subject { get; }

    /// <summary>A person's organisation unit; null for systems.</summary>
    public string? Unit { get; }

    /// <summary>A person's roles at their unit (<see cref="PlatformRoles"/>).</summary>
    public IReadOnlySet<string> Roles { get; }

    /// <summary>
    /// The township a person at a township or a village works for (a village's is its township); null for
    /// people of a county or above, and for systems. Such a person sees and changes only the records of
    /// that township among those that carry one (applications, cases), and none without one.
    /// </summary>
    public string? Township { get; }

    /// <summary>Whether a record of <paramref name="township"/> (null: a record of no township) is the caller's to see.</summary>
    public bool SeesTownship(string? township) => Township is null || township == Township;

    private static string? TownshipOf(string unit) =>
        Places.PlaceRegistry.Current.Lineage(unit).FirstOrDefault(p => p.Level == Places.UnitLevel.Township)?.Code;

    /// <summary>403 naming the township, in both languages.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TownshipForbidden(string? township) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "township_not_permitted", "无权访问 / Forbidden",
            $"乡镇（街道）人员只能处理本乡镇的记录，{(township is null ? "该记录未标明乡镇" : $"该记录属于 {township}")}。",
            $"A township's people act only for their township's records; {(township is null ? "this record names no township" : $"this one is {township}'s")}.");

    /// <summary>Who acts, as every change records it: from the token, never from a request body.</summary>
    public Actor Actor { get; }

    public IReadOnlySet<string> Scopes { get; }

    /// <summary>True for clients and people of the whole province: every county.</summary>
    public bool AllCounties { get; }

    /// <summary>The counties of a county-level client (empty when <see cref="AllCounties"/>).</summary>
    public string[] Counties => AllCounties ? [] : [.. _counties];

    public bool MayActFor(string? county) => AllCounties || (county is not null && _counties.Contains(county));

    /// <summary>
    /// Only the rows the caller may see: those whose county — any of the given county columns (an
    /// application belongs to its residence and its hukou county) — is one of the caller's; every row
    /// for provincial and city clients. Translated to SQL (<c>county = ANY(@counties)</c>).
    /// </summary>
    public IQueryable<T> Visible<T>(IQueryable<T> query, params Expression<Func<T, string>>[] countyOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(countyOf);
        if (AllCounties)
        {
            return query;
        }

        // Read through a closure so EF sends the counties as one parameter instead of inlining them.
        var mine = Expression.Property(Expression.Constant(new CountyList(Counties)), nameof(CountyList.Values));
        var row = Expression.Parameter(typeof(T), "row");
        Expression? visible = null;
        foreach (var county in countyOf)
        {
            var column = new ParameterSwap(county.Parameters[0], row).Visit(county.Body);
            var inMine = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], mine, column);
            visible = visible is null ? inMine : Expression.OrElse(visible, inMine);
        }

        return visible is null ? query : query.Where(Expression.Lambda<Func<T, bool>>(visible, row));
    }

    private sealed record CountyList(string[] Values);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>403 when the request names a county (a filter, a body field) the caller may not act for; null when it may, or names none.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refuses(string? county) =>
        county is not null && !MayActFor(county) ? CountyForbidden(county) : null;

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
