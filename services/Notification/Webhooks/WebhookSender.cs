using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using ReliefPlatform.Notification.Deliveries;

namespace ReliefPlatform.Notification.Webhooks;

/// <summary>
/// Calls a subscriber's callback with a signed delivery. Its own connection handler (no service
/// discovery, no automatic retries: the delivery worker owns retries and records each attempt) refuses
/// to connect to internal addresses unless configuration allows it, and never follows redirects.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptions<NotificationOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        var webhooks = options.Value.Webhooks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = webhooks.Timeout,
            ConnectCallback = (context, ct) => ConnectAsync(context, webhooks.AllowPrivateAddresses, ct),
        };
        _http = new HttpClient(handler) { Timeout = webhooks.Timeout };
    }

    public async Task<SendResult> SendAsync(Delivery delivery, Subscription? subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (subscription is not { Active: true })
        {
            return new SendResult(false, Error: "subscription deactivated", Permanent: true);
        }

        var id = delivery.DeliveryId.ToString();
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, id, timestamp, delivery.Body));
        request.Headers.Add("X-Relief-Event-Type", delivery.EventType);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Success(status);
            }

            // 410 Gone is the receiver saying the endpoint is retired: retrying cannot help.
            return new SendResult(false, status, $"HTTP {status} {response.ReasonPhrase}", Permanent: response.StatusCode == HttpStatusCode.Gone);
        }
        catch (HttpRequestException exception) when (exception.InnerException is CallbackRefusedException refused)
        {
            return new SendResult(false, Error: refused.Message, Permanent: true);
        }
        catch (HttpRequestException exception)
        {
            return new SendResult(false, Error: Trim(exception.Message));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(false, Error: "timed out");
        }
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowInternal, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowInternal && addresses.Any(CallbackAddressPolicy.IsInternal))
        {
            throw new CallbackRefusedException($"{host} resolves to an internal address; callbacks must go to public addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300];

    public void Dispose() => _http.Dispose();
}

public sealed class CallbackRefusedException(string message) : Exception(message);
