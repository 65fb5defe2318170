using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Web.Console;

/// <summary>
/// Staff sign in to the console as the gateway's people do in any first-party frontend: the authorization
/// code flow with PKCE (the issue on people), handled by ASP.NET Core's OAuth handler. The person's access
/// token is kept in the console's encrypted cookie and sent with every API call; the cookie ends with the
/// token, and the next page then signs them in again (silently while the gateway's own session lasts).
/// </summary>
public static class ConsoleSignIn
{
    public const string Scheme = "gateway";
    public const string CallbackPath = "/console/signed-in";
    public const string SignOutPath = "/console/sign-out";

    public static IHostApplicationBuilder AddConsoleSignIn(this IHostApplicationBuilder builder)
    {
        var gateway = builder.Configuration["Web:Gateway"] ?? "http://gateway";
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "console";
                cookie.Cookie.Path = "/console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // The cookie lives as long as the token in it (set at sign-in), never longer.
                cookie.SlidingExpiration = false;
                cookie.AccessDeniedPath = "/console";
            })
            .AddOAuth<PublicClientOptions, PublicClientHandler>(Scheme, oauth =>
            {
                oauth.ClientId = builder.Configuration["Web:ClientId"] ?? "dev-console";
                // The browser goes to the gateway it already talks to (the site is served through it, same origin);
                // the code is redeemed by the server over the gateway's internal address.
                oauth.AuthorizationEndpoint = "/connect/authorize";
                oauth.TokenEndpoint = $"{gateway.TrimEnd('/')}/connect/token";
                oauth.CallbackPath = CallbackPath;
                oauth.UsePkce = true;
                oauth.SaveTokens = true;
                oauth.CorrelationCookie.Path = "/console";
                oauth.Events.OnCreatingTicket = context =>
                {
                    AddClaimsOf(context.Identity!, context.AccessToken!);
                    context.Properties.ExpiresUtc = DateTimeOffset.UtcNow.Add(context.ExpiresIn ?? TimeSpan.FromMinutes(30)).AddMinutes(-1);
                    context.Properties.IsPersistent = false;
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // The gateway proxies every request here: the callback address the browser used is its host, not ours.
            // Only the loopback proxy is trusted by default; Web:TrustedProxyNetworks adds an installation's.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.Trust(builder.Configuration.GetSection("Web:TrustedProxyNetworks").Get<string[]>() ?? []);
        });
        return builder;
    }

    public static WebApplication MapConsoleSignIn(this WebApplication app)
    {
        app.MapGet("/console/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [Scheme]));
        app.MapPost(SignOutPath, async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // Only the console's own form may sign a person out (no cross-site post).
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
        return app;
    }

    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith("/console", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/console";

    /// <summary>
    /// The person's name, unit and roles, read from the token the gateway just issued to this server over its
    /// own connection (so it needs no second validation here); the services validate it on every call.
    /// </summary>
    private static void AddClaimsOf(ClaimsIdentity identity, string accessToken)
    {
        var parts = accessToken.Split('.');
        using var payload = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
        foreach (var claim in payload.RootElement.EnumerateObject())
        {
            var type = claim.Name switch
            {
                "sub" => ClaimTypes.NameIdentifier,
                "name" => ClaimTypes.Name,
                PlatformClaims.Unit => PlatformClaims.Unit,
                PlatformClaims.Role => ClaimTypes.Role,
                PlatformClaims.County => PlatformClaims.County,
                "scope" => PlatformClaims.Scope,
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var values = claim.Value.ValueKind == JsonValueKind.Array ? claim.Value.EnumerateArray().Select(v => v.ToString()) : [claim.Value.ToString()];
            foreach (var value in values.SelectMany(v => type == PlatformClaims.Scope ? v.Split(' ') : [v]))
            {
                identity.AddClaim(new Claim(type, value));
            }
        }
    }
}

/// <summary>
/// The console is a public client (OAuth 2.1): it has no secret to keep, PKCE proves that the one who
/// redeems the code is the one who asked for it. The base options insist on a secret, so none is sent.
/// </summary>
public sealed class PublicClientOptions : OAuthOptions
{
    public override void Validate()
    {
        ClientSecret = "(public client: no secret is sent)";
        base.Validate();
    }
}

/// <summary>The OAuth handler, redeeming the code without a client secret (PKCE's verifier instead).</summary>
public sealed class PublicClientHandler(IOptionsMonitor<PublicClientOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : OAuthHandler<PublicClientOptions>(options, logger, encoder)
{
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = Options.ClientId, ["redirect_uri"] = context.RedirectUri, ["code"] = context.Code, ["grant_type"] = "authorization_code",
        };
        if (context.Properties.Items.TryGetValue(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            fields[OAuthConstants.CodeVerifierKey] = verifier;
            context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenEndpoint) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The exchange is the visitor's: the gateway counts its per-address limit for them, not for this server.
        GatewayClient.NameVisitor(request, Context);

        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        return response.IsSuccessStatusCode
            ? OAuthTokenResponse.Success(JsonDocument.Parse(body))
            : OAuthTokenResponse.Failed(new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The gateway refused the code ({(int)response.StatusCode}).")));
    }
}
