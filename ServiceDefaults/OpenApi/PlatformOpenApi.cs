using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.ServiceDefaults.OpenApi;

/// <summary>
/// Request examples shown in the API reference, registered by each service for its request records
/// (an application as a provincial system sends it, a grant as a caseworker proposes it…).
/// </summary>
public static class OpenApiExamples
{
    private static readonly ConcurrentDictionary<Type, object> Examples = new();

    public static void Register<T>(T example) where T : notnull => Examples[typeof(T)] = example;

    internal static bool TryGet(Type type, out object? example) => Examples.TryGetValue(type, out example);
}

public static class PlatformApiExtensions
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>
    /// What every service's API has in common: platform access tokens checked on each request (the
    /// gateway's issuer, scopes, counties) and an OpenAPI 3 document at <c>/openapi/v1.json</c> with the
    /// OAuth2 client-credentials scheme and request examples, which the gateway publishes as
    /// <c>/openapi/{service}.json</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformApi(this IHostApplicationBuilder builder, string serviceName, string description)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformAuthentication();
        builder.Services.AddOpenApi(options => Configure(options, $"ReliefPlatform {serviceName} API", description));
        return builder;
    }

    public static void Configure(OpenApiOptions options, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = title, Version = "v1", Description = description };
            // Relative: the document is read through the gateway, which is where requests go.
            document.Servers = [new OpenApiServer { Url = "/" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["oauth2"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth2 client credentials: POST /connect/token (grant_type=client_credentials, client_id, client_secret, scope). 客户端凭据模式获取访问令牌。",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = Scopes.All.ToDictionary(s => s, s => s),
                    },
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("oauth2", document)] = [] }];
            return Task.CompletedTask;
        });
        // Each operation says who may call it: the scopes of the access policy and its county rule.
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var path = "/" + (description.RelativePath ?? "").Split('?')[0];
            var rule = AccessPolicy.Find(path, description.HttpMethod ?? "GET");
            var county = description.ActionDescriptor.EndpointMetadata.OfType<CountyScopeMetadata>().LastOrDefault();
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            if (rule is not null)
            {
                operation.Extensions[AccessPolicy.OpenApiExtension] = new JsonNodeExtension(new JsonArray([.. rule.AnyOfScopes.Select(s => (JsonNode)JsonValue.Create(s))]));
            }

            if (county is not null)
            {
                operation.Extensions[CountyScope.OpenApiExtension] = new JsonNodeExtension(new JsonObject
                {
                    ["rule"] = county.Rule.ToString().ToLowerInvariant(),
                    ["detail"] = county.Detail,
                });
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (OpenApiExamples.TryGet(context.JsonTypeInfo.Type, out var example))
            {
                schema.Examples = [JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Options)!];
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Maps the OpenAPI document (anonymous: it describes the API, it opens nothing).</summary>
    public static WebApplication MapPlatformOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath);
        return app;
    }
}
