using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>The gateway's development people (registered only with Identity:DevelopmentClients), one per role.</summary>
public static class DevelopmentPeople
{
    public const string Coordinator = "dev-coordinator";
    public const string Caseworker = "dev-caseworker";
    public const string TownshipApprover = "dev-township-approver";
    public const string Approver = "dev-approver";
    public const string Finance = "dev-finance";
    public const string Supervisor = "dev-supervisor";
    public const string Auditor = "dev-auditor";
    public const string Admin = "dev-admin";

    public const string Password = "Dev-Pass-2026!";
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>Those who sign in with the authenticator code as well.</summary>
    public static bool NeedsSecondFactor(string userName) => userName is TownshipApprover or Approver or Admin;
}

/// <summary>
/// What a browser frontend does to sign a person in: the authorization code flow with PKCE against the
/// gateway, through its sign-in pages (password, then the authenticator's code where needed).
/// </summary>
public sealed partial class PersonSignIn(Uri gateway)
{
    public const string ClientId = "dev-console";
    public const string RedirectUri = "http://localhost/console/signed-in";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    private readonly CookieContainer _cookies = new();
    private readonly string _address = Visitors.NewAddress();

    /// <summary>A browser of its own: cookies kept, redirects seen rather than followed, from an address of its own.</summary>
    public HttpClient Browser()
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = gateway };
        browser.DefaultRequestHeaders.Add(Visitors.Header, _address);
        return browser;
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizePath(string challenge, string state, string scope = "", string redirectUri = RedirectUri, string clientId = ClientId) =>
        $"/connect/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state={state}"
        + (scope.Length > 0 ? $"&scope={Uri.EscapeDataString(scope)}" : "");

    /// <summary>Posts a sign-in page's form (with its antiforgery token and return address) plus <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string pagePath, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var page = await browser.GetAsync(new Uri(pagePath, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        fields["returnUrl"] = WebUtility.HtmlDecode(ReturnUrl().Match(html).Groups[1].Value);
        var action = pagePath.Split('?')[0];
        return await browser.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public static string CurrentCode(string key = DevelopmentPeople.AuthenticatorKey) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>Signs <paramref name="userName"/> in and returns the token response (access_token, expires_in...).</summary>
    public async Task<JsonElement> SignInAsync(string userName, string password = DevelopmentPeople.Password, string? authenticatorKey = null, string scope = "")
    {
        using var browser = Browser();
        var (verifier, challenge) = Pkce();
        using var authorize = await browser.GetAsync(new Uri(AuthorizePath(challenge, "s1", scope), UriKind.Relative));
        if (authorize.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"/connect/authorize answered {(int)authorize.StatusCode}: {await authorize.Content.ReadAsStringAsync()}");
        }

        var next = authorize.Headers.Location!.OriginalString;
        if (next.StartsWith("/account/login", StringComparison.Ordinal))
        {
            using var login = await SubmitAsync(browser, next, new() { ["userName"] = userName, ["password"] = password });
            next = login.Headers.Location?.OriginalString
                ?? throw new InvalidOperationException($"Sign-in of {userName} answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
            if (next.StartsWith("/account/second-factor", StringComparison.Ordinal))
            {
                using var second = await SubmitAsync(browser, next, new() { ["code"] = CurrentCode(authenticatorKey ?? DevelopmentPeople.AuthenticatorKey) });
                next = second.Headers.Location?.OriginalString
                    ?? throw new InvalidOperationException($"Second factor of {userName} answered {(int)second.StatusCode}");
            }

            using var again = await browser.GetAsync(new Uri(next, UriKind.Relative));
            next = again.Headers.Location!.OriginalString;
        }

        var code = CodeOf(next);
        return await RedeemAsync(browser, code, verifier);
    }

    public static string CodeOf(string callback)
    {
        Assert.StartsWith(RedirectUri + "?", callback, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query);
        return query["code"] ?? throw new InvalidOperationException($"No code in {callback}");
    }

    public static async Task<JsonElement> RedeemAsync(HttpClient browser, string code, string verifier)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var token = await browser.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        return token.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Token request answered {(int)token.StatusCode}: {body}");
    }

    /// <summary>A gateway client sending a person's token.</summary>
    public async Task<HttpClient> ClientAsync(string userName, string password = DevelopmentPeople.Password, string? authenticatorKey = null)
    {
        var token = await SignInAsync(userName, password, authenticatorKey);
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>The claims of an access token (its payload, unverified: the test only reads what the gateway put in).</summary>
    public static JsonElement ClaimsOf(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var payload = accessToken.Split('.')[1];
        payload = payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
