using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.ServiceDefaults.Security;

/// <summary>How an operation keeps a county's client to its own counties' data.</summary>
public enum CountyRule
{
    /// <summary>One resource named in the route: refused (403) when its county is not the caller's.</summary>
    Resource,

    /// <summary>The county named in the request body (or query) must be the caller's; checked by the handler.</summary>
    Body,

    /// <summary>A list or figure: only rows of the caller's counties are read (<see cref="Caller.Visible{T}"/>).</summary>
    List,

    /// <summary>Province-wide work (campaigns, policy parameters, templates, subscriptions): provincial and city clients only.</summary>
    Province,

    /// <summary>Not any county's data (published policy standards, a QR code, a probe's result).</summary>
    Public,
}

/// <summary>The county rule an operation declares; published in its OpenAPI operation as <see cref="CountyScope.OpenApiExtension"/>.</summary>
public sealed record CountyScopeMetadata(CountyRule Rule, string Detail);

public static class CountyScope
{
    /// <summary>The OpenAPI extension that carries each operation's county rule (a test fails on an operation without one).</summary>
    public const string OpenApiExtension = "x-county-scope";

    /// <summary>
    /// Refuses (403) a request about one resource (the route's <paramref name="routeParameter"/>) whose
    /// county the caller may not act for, before the handler runs: a county client cannot read or change
    /// another county's case, payment or message by guessing its id. Resources not found pass through to
    /// the handler's own 404.
    /// </summary>
    public static TBuilder RequireCountyOf<TBuilder>(this TBuilder builder, string routeParameter,
        Func<HttpContext, Guid, CancellationToken, Task<string?>> countyOf) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(countyOf);
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.Resource, $"the county of the resource named by {{{routeParameter}}}"));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = Caller.Of(http);
            if (!caller.AllCounties
                && http.Request.RouteValues.TryGetValue(routeParameter, out var raw)
                && Guid.TryParse(raw?.ToString(), out var id)
                && await countyOf(http, id, http.RequestAborted) is { } county
                && !caller.MayActFor(county))
            {
                return Caller.CountyForbidden(county);
            }

            return await next(context);
        });
    }

    /// <summary>
    /// Refuses (403) a township's or village's person a resource of another township, or of none, before
    /// the handler runs (records that carry a township: applications, cases). Others pass.
    /// </summary>
    public static TBuilder RequireTownshipOf<TBuilder, TDbContext>(this TBuilder builder, string routeParameter,
        Func<TDbContext, Guid, IQueryable<string?>> townshipOf)
        where TBuilder : IEndpointConventionBuilder
        where TDbContext : Microsoft.EntityFrameworkCore.DbContext
    {
        ArgumentNullException.ThrowIfNull(townshipOf);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = Caller.Of(http);
            if (caller.Township is not null
                && http.Request.RouteValues.TryGetValue(routeParameter, out var raw)
                && Guid.TryParse(raw?.ToString(), out var id))
            {
                var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    townshipOf(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TDbContext>(http.RequestServices), id).Take(1),
                    http.RequestAborted);
                if (rows.Count == 1 && !caller.SeesTownship(rows[0]))
                {
                    return Caller.TownshipForbidden(rows[0]);
                }
            }

            return await next(context);
        });
    }

    /// <summary><see cref="RequireCountyOf{TBuilder}"/> with the county read by a query of the service's database.</summary>
    public static TBuilder RequireCountyOf<TBuilder, TDbContext>(this TBuilder builder, string routeParameter,
        Func<TDbContext, Guid, IQueryable<string>> countyOf)
        where TBuilder : IEndpointConventionBuilder
        where TDbContext : Microsoft.EntityFrameworkCore.DbContext =>
        builder.RequireCountyOf(routeParameter, async (http, id, ct) =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                countyOf(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TDbContext>(http.RequestServices), id), ct));

    /// <summary>Declares that the handler checks the resource's county itself (it belongs to more than one, or is read anyway).</summary>
    public static TBuilder CountyCheckedByHandler<TBuilder>(this TBuilder builder, string detail) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.Resource, detail));

    /// <summary>Declares that the handler checks the county the request names (<paramref name="field"/>) with <see cref="Caller.MayActFor"/>.</summary>
    public static TBuilder CountyFromRequest<TBuilder>(this TBuilder builder, string field) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.Body, $"the county in {field}"));

    /// <summary>
    /// A list or figure: the handler reads only the caller's counties' rows (<see cref="Caller.Visible{T}"/>),
    /// and a <c>county</c> filter naming another of the platform's counties is refused here (403), before
    /// the handler runs; a code that is no county is left to the handler's 400.
    /// </summary>
    public static TBuilder CountyFiltered<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.List, "rows of the caller's counties only"));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var county = http.Request.Query[CountyFilterParameter].ToString();
            return county.Length > 0 && Places.PlaceRegistry.Current.IsServedCounty(county) && Caller.Of(http).Refuses(county) is { } refused
                ? refused
                : await next(context);
        });
    }

    /// <summary>The query parameter by which lists are filtered to one county.</summary>
    public const string CountyFilterParameter = "county";

    /// <summary>Declares that the operation touches no county's data, and why.</summary>
    public static TBuilder NotCountyData<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.Public, why));

    /// <summary>Province-wide operations: a client limited to some counties gets 403 before the handler runs.</summary>
    public static TBuilder ProvinceWide<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new CountyScopeMetadata(CountyRule.Province, "province-wide: clients of all counties only"));
        return builder.AddEndpointFilter(async (context, next) =>
            Caller.Of(context.HttpContext).AllCounties
                ? await next(context)
                : ApiProblems.Problem(StatusCodes.Status403Forbidden, "province_only", "无权访问 / Forbidden",
                    "这是全省范围的操作，只有省、市级客户端可以执行。", "This is province-wide work: only provincial and city clients may do it."));
    }
}
