using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>
/// Accepts the caller's <c>X-Correlation-Id</c> or creates one, returns it on the response and makes
/// it ambient so that outbox messages written during the request carry it to the next services.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context, Microsoft.Extensions.Logging.ILogger<CorrelationIdMiddleware> logger)
    {
        var correlationId = Sanitize(context.Request.Headers[HeaderName].ToString()) ?? Guid.NewGuid().ToString("N");
        // Forwarded by the gateway's proxy, so the service behind it keeps the same id.
        context.Request.Headers[HeaderName] = correlationId;
        context.Response.OnStarting(() =>
        {
            // Behind the gateway the proxied response already carries it: one header, not two.
            context.Response.Headers.TryAdd(HeaderName, correlationId);
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);

        using (CorrelationContext.Begin(correlationId))
        using (logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    /// <summary>A correlation id is echoed into logs and headers: keep only a short, plain token.</summary>
    public static string? Sanitize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }

        return value;
    }
}
