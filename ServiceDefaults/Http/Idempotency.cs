using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>
/// <c>Idempotency-Key</c> for write endpoints, backed by Redis so that every replica sees it: the same
/// key with the same request returns the first answer (status, headers that matter, body); the same
/// key with another request gets 409. A key being processed gets 409 too, so a double click cannot
/// run twice. Answers are kept for <see cref="IdempotencyOptions.Retention"/>. Keys are per client (the
/// token's client id): one client's key never replays or blocks another's. Server errors (5xx) are not kept: a retry
/// after one runs again.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    private static readonly TimeSpan InProgressLease = TimeSpan.FromMinutes(2);
    private const int MaxKeyLength = 128;
    private const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, string scope)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[HeaderName].ToString();
            if (string.IsNullOrEmpty(key))
            {
                return await next(context);
            }

            if (key.Length > MaxKeyLength || key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                return ApiProblems.Validation(HeaderName, $"幂等键最长 {MaxKeyLength} 个字符，且不能含空白或控制字符。",
                    $"The idempotency key has at most {MaxKeyLength} characters, without whitespace or control characters.");
            }

            var redis = http.RequestServices.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            var client = Security.Caller.Of(http).ClientId is { Length: > 0 } id ? id : "anonymous";
            var redisKey = $"idempotency:{client}:{scope}:{key}";
            var retention = http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<IdempotencyOptions>>()?.Value.Retention ?? new IdempotencyOptions().Retention;
            var fingerprint = await FingerprintAsync(http.Request);

            var lease = JsonSerializer.Serialize(new StoredAnswer(fingerprint, InProgress: true, 0, null, null, null));
            if (!await redis.StringSetAsync(redisKey, lease, InProgressLease, When.NotExists))
            {
                var existing = await redis.StringGetAsync(redisKey);
                var stored = existing.HasValue ? JsonSerializer.Deserialize<StoredAnswer>(existing.ToString()) : null;
                if (stored is null)
                {
                    return ApiProblems.Conflict("idempotency_in_progress", "相同幂等键的请求正在处理，请稍后重试。", "A request with this idempotency key is being processed; retry shortly.");
                }

                if (stored.Fingerprint != fingerprint)
                {
                    return ApiProblems.Conflict("idempotency_key_reused", "该幂等键已用于内容不同的请求。", "This idempotency key was already used with a different request.");
                }

                return stored.InProgress
                    ? ApiProblems.Conflict("idempotency_in_progress", "相同幂等键的请求正在处理，请稍后重试。", "A request with this idempotency key is being processed; retry shortly.")
                    : new ReplayResult(stored);
            }

            try
            {
                var result = await next(context);
                if (result is not IResult answer)
                {
                    await redis.KeyDeleteAsync(redisKey);
                    return result;
                }

                // Render the answer once into memory, keep it, then send it.
                var original = http.Response.Body;
                await using var buffer = new MemoryStream();
                http.Response.Body = buffer;
                try
                {
                    await answer.ExecuteAsync(http);
                }
                finally
                {
                    http.Response.Body = original;
                }

                var status = http.Response.StatusCode;
                var stored = new StoredAnswer(fingerprint, InProgress: false, status, http.Response.ContentType,
                    http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, Convert.ToBase64String(buffer.ToArray()));
                if (status < 500)
                {
                    await redis.StringSetAsync(redisKey, JsonSerializer.Serialize(stored), retention);
                }
                else
                {
                    await redis.KeyDeleteAsync(redisKey);
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
                return Results.Empty;
            }
            catch
            {
                await redis.KeyDeleteAsync(redisKey);
                throw;
            }
        });
    }

    /// <summary>
    /// The method, path, query and body bytes of the request. The body is buffered from the start of
    /// the pipeline for requests that carry the header (<see cref="EnableBufferingForIdempotentRequests"/>),
    /// so it can be read here and again by model binding or the handler.
    /// </summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Middleware: buffer the body of requests that carry an idempotency key, so the filter can fingerprint it.</summary>
    public static IApplicationBuilder EnableBufferingForIdempotentRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(HeaderName))
            {
                context.Request.EnableBuffering();
            }

            await next(context);
        });

    private sealed record StoredAnswer(string Fingerprint, bool InProgress, int Status, string? ContentType, string? Location, string? Body);

    private sealed class ReplayResult(StoredAnswer answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = answer.Status;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (answer.ContentType is not null)
            {
                httpContext.Response.ContentType = answer.ContentType;
            }

            if (answer.Location is not null)
            {
                httpContext.Response.Headers.Location = answer.Location;
            }

            if (answer.Body is { Length: > 0 })
            {
                await httpContext.Response.Body.WriteAsync(Convert.FromBase64String(answer.Body));
            }
        }
    }
}

/// <summary>Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key and its first answer are kept: a retry within this time replays the answer.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
