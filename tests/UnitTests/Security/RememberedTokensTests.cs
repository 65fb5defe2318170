using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>
/// Issue 22: a token validated once is taken again without validating it for at most a minute and never past its
/// expiry; refused tokens are never remembered; each request gets its own copy of the principal.
/// </summary>
public sealed class RememberedTokensTests : IDisposable
{
    // Long past: whatever the machine's clock says, only the handler's clock may decide what has expired.
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly Clock _clock = new() { Now = Start };
    private readonly Validator _validator = new();
    private readonly ServiceProvider _services;

    public RememberedTokensTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(_validator);
        services.AddAuthentication(RememberedTokens.Scheme)
            .AddRememberedTokens(ValidatingHandler.Name)
            .AddScheme<AuthenticationSchemeOptions, ValidatingHandler>(ValidatingHandler.Name, _ => { });
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_valid_token_is_validated_once_and_then_taken_as_it_was()
    {
        var first = await AuthenticateAsync("Bearer good-1");
        var second = await AuthenticateAsync("Bearer good-1");

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("client-good-1", second.Principal!.FindFirst("client_id")!.Value);
        Assert.Equal(1, _validator.Validated);

        Assert.True((await AuthenticateAsync("Bearer good-2")).Succeeded);
        Assert.Equal(2, _validator.Validated);
    }

    [Fact]
    public async Task A_refused_token_is_validated_every_time_and_still_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            var result = await AuthenticateAsync("Bearer forged");
            Assert.False(result.Succeeded);
        }

        Assert.Equal(3, _validator.Validated);
        Assert.True((await AuthenticateAsync(null)).None, "no token: the validating scheme's own answer, no result");
    }

    [Fact]
    public async Task A_token_is_validated_again_after_a_minute_and_not_taken_past_its_expiry()
    {
        _validator.Lifetime = TimeSpan.FromMinutes(30);
        await AuthenticateAsync("Bearer good-1");
        _clock.Now = Start.AddSeconds(59);
        await AuthenticateAsync("Bearer good-1");
        Assert.Equal(1, _validator.Validated);

        _clock.Now = Start.AddSeconds(61);
        await AuthenticateAsync("Bearer good-1");
        Assert.Equal(2, _validator.Validated);

        // Twenty seconds left: remembered for those twenty seconds, not for a minute.
        _validator.Lifetime = TimeSpan.FromSeconds(20);
        _clock.Now = Start.AddMinutes(10);
        await AuthenticateAsync("Bearer good-3");
        _clock.Now = Start.AddMinutes(10).AddSeconds(21);
        _validator.Refuse = true;
        Assert.False((await AuthenticateAsync("Bearer good-3")).Succeeded, "expired: the validating scheme decides, and refuses");
        Assert.Equal(4, _validator.Validated);
    }

    [Fact]
    public async Task Each_request_gets_its_own_copy_of_the_principal()
    {
        var first = await AuthenticateAsync("Bearer good-1");
        ((ClaimsIdentity)first.Principal!.Identity!).AddClaim(new Claim("added", "by one request"));

        var second = await AuthenticateAsync("Bearer good-1");

        Assert.Null(second.Principal!.FindFirst("added"));
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string? authorization)
    {
        // A scope per request, as ASP.NET Core makes one: authentication handlers live for one request.
        await using var scope = _services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        return await http.AuthenticateAsync();
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Validator
    {
        public int Validated { get; set; }

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

        public bool Refuse { get; set; }
    }

    /// <summary>Stands for JWT bearer or OpenIddict's validation: tokens starting "good" pass, with an expiry in the ticket.</summary>
    private sealed class ValidatingHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Validator validator, TimeProvider clock)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Validating";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var authorization = Request.Headers.Authorization.ToString();
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : null;
            if (token is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            validator.Validated++;
            if (validator.Refuse || !token.StartsWith("good", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.Fail("invalid token"));
            }

            var identity = new ClaimsIdentity([new Claim("client_id", "client-" + token)], Name);
            var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + validator.Lifetime };
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Name)));
        }
    }
}
