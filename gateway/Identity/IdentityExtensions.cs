using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Gateway.People;
using ReliefPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using PlatformScopes = ReliefPlatform.Contracts.Security.Scopes;

namespace ReliefPlatform.Gateway.Identity;

/// <summary>
/// The platform's OAuth2 authorization server (OpenIddict). Systems use the client credentials grant:
/// <c>POST /connect/token</c> with a registered client's id and secret returns a signed JWT access token
/// (RFC 9068) carrying the granted scopes and the client's counties. People sign in through a
/// first-party frontend with the authorization code flow and PKCE (<c>/connect/authorize</c>, see
/// <see cref="AccountEndpoints"/>); their tokens carry their subject, unit, roles and the roles' scopes.
/// <c>/.well-known/openid-configuration</c> and <c>/.well-known/jwks</c> let the services verify tokens.
/// Clients come from configuration (<see cref="ClientRegistry"/>); people from the gateway's database.
/// </summary>
public static class IdentityExtensions
{
    public static IHostApplicationBuilder AddPlatformIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(IdentityOptions.SectionName);
        builder.Services.Configure<IdentityOptions>(section);
        builder.Services.AddSingleton<ClientRegistry>();
        var settings = section.Get<IdentityOptions>() ?? new IdentityOptions();

        builder.AddPeople();
        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.SetAuthorizationEndpointUris(AccountEndpoints.AuthorizePath.TrimStart('/'));
                server.SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowClientCredentialsFlow();
                // People sign in through first-party frontends: authorization code with PKCE, never implicit or password.
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes([.. PlatformScopes.All]);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
                if (settings.Issuer is { Length: > 0 } issuer)
                {
                    server.SetIssuer(new Uri(issuer));
                }

                // Plain signed JWTs that any standard library validates (no encryption of access tokens).
                server.DisableAccessTokenEncryption();
                if (settings.EncryptionCertificatePath is { Length: > 0 } encryption)
                {
                    server.AddEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(encryption, settings.EncryptionCertificatePassword));
                }
                else
                {
                    server.AddEphemeralEncryptionKey();
                }

                if (settings.SigningCertificatePath is { Length: > 0 } path)
                {
                    server.AddSigningCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, settings.SigningCertificatePassword));
                }
                else
                {
                    server.AddEphemeralSigningKey();
                }

                // Clients are validated against configuration here instead of a client store.
                server.EnableDegradedMode();
                server.UseAspNetCore().DisableTransportSecurityRequirement().EnableAuthorizationEndpointPassthrough();
                server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    var registry = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<ClientRegistry>();
                    var client = registry.Find(context.ClientId);
                    if (client is null || client.RedirectUris.Count == 0)
                    {
                        // unauthorized_client, not invalid_client: nothing was authenticated here, the request is refused (400).
                        context.Reject(Errors.UnauthorizedClient, "This client may not sign people in.");
                    }
                    else if (context.RedirectUri is null || !client.AcceptsRedirectUri(context.RedirectUri))
                    {
                        context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
                    }

                    return default;
                }));
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    var registry = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<ClientRegistry>();
                    var client = registry.Find(context.ClientId);
                    var codeGrant = context.Request.IsAuthorizationCodeGrantType();
                    // A public client (a browser frontend) has no secret and may only exchange codes; every other client proves its secret.
                    var authenticated = client is not null && (client.Public
                        ? codeGrant && string.IsNullOrEmpty(context.ClientSecret)
                        : ClientRegistry.SecretMatches(client, context.ClientSecret));
                    if (!authenticated)
                    {
                        // ASCII only: OpenIddict echoes the description in the WWW-Authenticate header.
                        context.Reject(Errors.InvalidClient, "The client id or secret is not valid.");
                        return default;
                    }

                    if (codeGrant && client!.RedirectUris.Count == 0)
                    {
                        context.Reject(Errors.UnauthorizedClient, "This client may not sign people in.");
                        return default;
                    }

                    var refused = context.Request.GetScopes().Where(scope => !client!.Scopes.Contains(scope)).ToList();
                    if (refused.Count > 0)
                    {
                        context.Reject(Errors.InvalidScope, $"This client may not request: {string.Join(' ', refused)}.");
                    }

                    return default;
                }));
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(async context =>
                {
                    var services = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices;
                    var registry = services.GetRequiredService<ClientRegistry>();
                    var client = registry.Find(context.Request.ClientId)!;
                    if (context.Request.IsAuthorizationCodeGrantType())
                    {
                        await SignInPersonAsync(context, services, client);
                        return;
                    }

                    // No scope asked for: every scope the client holds.
                    var requested = context.Request.GetScopes();
                    var granted = requested.IsDefaultOrEmpty ? client.Scopes : [.. requested];

                    var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.ClientId, Claims.Role);
                    identity.SetClaim(Claims.Subject, context.Request.ClientId);
                    identity.SetClaim(PlatformClaims.ClientId, context.Request.ClientId);
                    identity.SetClaim(Claims.Name, client.DisplayName);
                    identity.SetClaims(PlatformClaims.County, [.. client.Counties]);
                    identity.SetScopes(granted);
                    identity.SetResources(PlatformClaims.Audience);
                    identity.SetDestinations(_ => [Destinations.AccessToken]);
                    context.SignIn(new ClaimsPrincipal(identity));
                }));
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // A token comes only in the Authorization header: reading the body form for one would consume
                // every form posted through the gateway (the web frontend's), and one in a query string ends up in logs.
                validation.UseAspNetCore().DisableAccessTokenExtractionFromBodyForm().DisableAccessTokenExtractionFromQueryString();
                validation.AddAudiences(PlatformClaims.Audience);
            });

        // A token validated once is taken again for up to a minute without validating it again (issue 22).
        builder.Services.AddAuthentication(RememberedTokens.Scheme)
            .AddRememberedTokens(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<PlatformAccessControl>();
        return builder;
    }

    /// <summary>
    /// The token of a person: the code is redeemed once, and the person is read again, so a person
    /// locked out or whose roles changed since signing in gets what holds now.
    /// </summary>
    private static async Task SignInPersonAsync(OpenIddictServerEvents.HandleTokenRequestContext context, IServiceProvider services, ClientRegistration client)
    {
        var code = context.AuthorizationCodePrincipal!;
        var db = services.GetRequiredService<PeopleDbContext>();
        var users = services.GetRequiredService<UserManager<Person>>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (!await PersonCodes.RedeemAsync(db, code, clock.GetUtcNow(), context.CancellationToken))
        {
            context.Reject(Errors.InvalidGrant, "The authorization code has been used already.");
            return;
        }

        var person = await users.FindByIdAsync(code.GetClaim(Claims.Subject) ?? "");
        if (person is null || await users.IsLockedOutAsync(person))
        {
            context.Reject(Errors.InvalidGrant, "The person may not sign in.");
            return;
        }

        context.SignIn(PersonToken.For(person, context.Request.ClientId!, code.GetScopes(), client.Scopes));
    }
}
