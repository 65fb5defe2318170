using Microsoft.AspNetCore.Http;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.ServiceDefaults.Security;

/// <summary>
/// Enforces <see cref="AccessPolicy"/> on <c>/api/</c> requests: no valid token, 401 (with
/// <c>WWW-Authenticate: Bearer</c>); a token without a scope the API needs, 403 naming the scopes.
/// The gateway and every service run it, on the same rules.
/// </summary>
public sealed class AccessPolicyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "";
        if (!AccessPolicy.IsProtected(path) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblems.Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "未认证 / Unauthenticated",
                "缺少或无效的访问令牌：请先用客户端凭据在 /connect/token 获取令牌，再以 Authorization: Bearer 发送。",
                "A valid access token is required: get one with client credentials at /connect/token and send it as Authorization: Bearer.")
                .ExecuteAsync(context);
            return;
        }

        var rule = AccessPolicy.Find(path, context.Request.Method);
        var caller = Caller.Of(context);
        if (rule is null || !rule.AnyOfScopes.Any(caller.Scopes.Contains))
        {
            var needed = rule is null ? "—" : string.Join(" | ", rule.AnyOfScopes);
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{(rule is null ? "" : string.Join(' ', rule.AnyOfScopes))}\"";
            await ApiProblems.Problem(StatusCodes.Status403Forbidden, "insufficient_scope", "权限不足 / Forbidden",
                $"该客户端没有此接口所需的权限范围（需要其一：{needed}）。", $"This client lacks the scope this API needs (one of: {needed}).",
                new Dictionary<string, object?> { ["requiredScopes"] = rule?.AnyOfScopes ?? [] })
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
