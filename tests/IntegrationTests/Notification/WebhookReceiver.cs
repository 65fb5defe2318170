using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.IntegrationTests.Notification;

/// <summary>A provincial system's webhook endpoint, on localhost: records every call and fails on demand.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public sealed record Call(string Id, string Timestamp, string Signature, string EventType, string Body, int AnsweredWith);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Answer 503 to the next <paramref name="count"/> calls (int.MaxValue: until told otherwise).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var fail = Interlocked.Decrement(ref receiver._failuresLeft) >= 0;
            var status = fail ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent;
            receiver.Calls.Enqueue(new Call(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), request.Headers["X-Relief-Event-Type"].ToString(), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hooks";
        return receiver;
    }

    /// <summary>
    /// The verification recipe of the README, as a receiver would write it without any library:
    /// HMAC-SHA256 keyed with the base64 secret after <c>whsec_</c>, over "id.timestamp.body".
    /// </summary>
    public static bool Verify(string secret, Call call)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{call.Id}.{call.Timestamp}.{call.Body}")));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(call.Timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 300;
        return fresh && call.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
