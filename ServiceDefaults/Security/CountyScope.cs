using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ReliefPlatform.ServiceDefaults.Security;

public static class CountyScope
{
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
}
