using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Gateway.Identity;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Gateway.People;

/// <summary>
/// The people's side of the authorization server: <c>/connect/authorize</c> (authorization code + PKCE,
/// first-party clients only, so no consent screen) and the sign-in pages it sends a person to:
/// password, then the authenticator code for those who need a second factor. Failed passwords count
/// towards a lockout. Pages are plain HTML in Chinese and English, protected against cross-site posts.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string SecondFactorPath = "/account/second-factor";
    public const string AuthorizePath = "/connect/authorize";

    public static WebApplication MapAccount(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        app.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, LoginPath, returnUrl, null, PasswordFields)).ExcludeFromDescription();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription();
        app.MapGet(SecondFactorPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, SecondFactorPath, returnUrl, null, CodeFields)).ExcludeFromDescription();
        app.MapPost(SecondFactorPath, SecondFactorAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<Person> users, ClientRegistry clients)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var person = signedIn.Succeeded ? await users.GetUserAsync(signedIn.Principal!) : null;
        if (person is null || await users.IsLockedOutAsync(person))
        {
            return Results.Redirect($"{LoginPath}?returnUrl={WebUtility.UrlEncode(http.Request.Path + http.Request.QueryString)}");
        }

        var client = clients.Find(request.ClientId)!;
        var principal = PersonToken.For(person, request.ClientId!, request.GetScopes(), client.Scopes);
        // The code says which exchange it is, so the token endpoint redeems it once.
        principal.SetClaim(PersonCodes.CodeIdClaim, Guid.NewGuid().ToString("N"));
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<Person> signIn, UserManager<Person> users,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, ILogger<Person> logger)
    {
        var person = userName is null ? null : await users.FindByNameAsync(userName);
        // Lockout counts failures: five wrong passwords lock the account for fifteen minutes.
        var result = person is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(person, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning(LogEvents.SignInLockedOut, "Sign-in of person {PersonId} refused: locked out", person!.Id);
            return Page(http, antiforgery, LoginPath, returnUrl, ("账户已被锁定，请 15 分钟后再试或联系管理员。", "The account is locked; try again in 15 minutes or ask an administrator."), PasswordFields, StatusCodes.Status423Locked);
        }

        if (result.RequiresTwoFactor)
        {
            return Results.Redirect($"{SecondFactorPath}?returnUrl={WebUtility.UrlEncode(LocalOnly(returnUrl))}");
        }

        if (!result.Succeeded)
        {
            return Page(http, antiforgery, LoginPath, returnUrl, ("用户名或密码不正确。", "The user name or password is wrong."), PasswordFields, StatusCodes.Status401Unauthorized);
        }

        if (person!.Roles.Any(r => PlatformRoles.Find(r)?.NeedsSecondFactor == true) && !person.TwoFactorEnabled)
        {
            // An approver without an authenticator never signs in on a password alone.
            await signIn.SignOutAsync();
            return Page(http, antiforgery, LoginPath, returnUrl, ("审批人须先由管理员绑定身份验证器。", "An approver signs in only with an authenticator; ask an administrator to set one up."), PasswordFields, StatusCodes.Status403Forbidden);
        }

        return Results.Redirect(LocalOnly(returnUrl));
    }

    private static async Task<IResult> SecondFactorAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<Person> signIn, [FromForm] string? code, [FromForm] string? returnUrl)
    {
        var result = await signIn.TwoFactorAuthenticatorSignInAsync((code ?? "").Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return Results.Redirect(LocalOnly(returnUrl));
        }

        return result.IsLockedOut
            ? Page(http, antiforgery, SecondFactorPath, returnUrl, ("账户已被锁定，请 15 分钟后再试。", "The account is locked; try again in 15 minutes."), CodeFields, StatusCodes.Status423Locked)
            : Page(http, antiforgery, SecondFactorPath, returnUrl, ("验证码不正确或已过期。", "The code is wrong or has expired."), CodeFields, StatusCodes.Status401Unauthorized);
    }

    /// <summary>Only back into this authorization server: a sign-in page never redirects elsewhere (open redirects).</summary>
    private static string LocalOnly(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(AuthorizePath + "?", StringComparison.Ordinal) ? returnUrl : "/";

    private const string PasswordFields = """
        <label>用户名 / User name <input name="userName" autocomplete="username" required></label>
        <label>密码 / Password <input name="password" type="password" autocomplete="current-password" required></label>
        """;

    private const string CodeFields = """
        <label>身份验证器中的 6 位验证码 / The 6-digit code of your authenticator <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
        """;

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string action, string? returnUrl, (string Zh, string En)? error, string fields, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is { } e ? $"<p role=\"alert\">{WebUtility.HtmlEncode(e.Zh)}<br>{WebUtility.HtmlEncode(e.En)}</p>" : "";
        var html = $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>登录 / Sign in — 社会救助平台</title></head>
            <body><main><h1>社会救助平台 / ReliefPlatform</h1>{message}
            <form method="post" action="{action}">
            <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(LocalOnly(returnUrl))}">
            {fields}
            <button type="submit">登录 / Sign in</button>
            </form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>Authorization codes redeemed once.</summary>
public static class PersonCodes
{
    public const string CodeIdClaim = "code_id";

    /// <summary>Records the code's redemption; false when it was redeemed before (a replayed code).</summary>
    public static async Task<bool> RedeemAsync(PeopleDbContext db, ClaimsPrincipal code, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codeId = code.GetClaim(CodeIdClaim);
        if (codeId is null)
        {
            return false;
        }

        var inserted = await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
            $"INSERT INTO redeemed_codes (code_id, redeemed_at) VALUES ({codeId}, {now}) ON CONFLICT DO NOTHING", ct);
        return inserted == 1;
    }
}
