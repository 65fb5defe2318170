using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using PlatformScopes = ReliefPlatform.Contracts.Security.Scopes;

namespace ReliefPlatform.Gateway.Identity;

/// <summary>
/// The platform's OAuth2 authorization server (OpenIddict), for the client credentials grant only:
/// <c>POST /connect/token</c> with a registered client's id and secret returns a signed JWT access token
/// (RFC 9068) carrying the granted scopes and the client's counties; <c>/.well-known/openid-configuration</c>
/// and <c>/.well-known/jwks</c> let the services verify it. Clients come from configuration
/// (<see cref="ClientRegistry"/>), so no database is needed for them.
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

        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. PlatformScopes.All]);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                if (settings.Issuer is { Length: > 0 } issuer)
                {
                    server.SetIssuer(new Uri(issuer));
                }

                // Plain signed JWTs that any standard library validates (no encryption of access tokens).
                server.DisableAccessTokenEncryption();
                server.AddEphemeralEncryptionKey();
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
                server.UseAspNetCore().DisableTransportSecurityRequirement();
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    var registry = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<ClientRegistry>();
                    var client = registry.Find(context.ClientId);
                    if (client is null || !ClientRegistry.SecretMatches(client, context.ClientSecret))
                    {
                        // ASCII only: OpenIddict echoes the description in the WWW-Authenticate header.
                        context.Reject(Errors.InvalidClient, "The client id or secret is not valid.");
                        return default;
                    }

                    var refused = context.Request.GetScopes().Where(scope => !client.Scopes.Contains(scope)).ToList();
                    if (refused.Count > 0)
                    {
                        context.Reject(Errors.InvalidScope, $"This client may not request: {string.Join(' ', refused)}.");
                    }

                    return default;
                }));
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    var registry = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<ClientRegistry>();
                    var client = registry.Find(context.Request.ClientId)!;
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
                    return default;
                }));
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddAudiences(PlatformClaims.Audience);
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<PlatformAccessControl>();
        return builder;
    }
}
