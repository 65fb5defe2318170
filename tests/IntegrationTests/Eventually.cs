using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests;

/// <summary>Waits for an asynchronous outcome (a message consumed, a row relayed) within a generous bound.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, Func<T?, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (done(last))
            {
                return last!;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
    }

    public static Task TrueAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        ReturnsAsync(async () => await probe(), ok => ok, what, timeout);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, TimeSpan? timeout = null)
    {
        var response = await ReturnsAsync(
            async () =>
            {
                using var r = await client.GetAsync(path);
                return r.StatusCode == HttpStatusCode.OK ? await r.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            r => r is not null,
            $"GET {path} to return 200",
            timeout);
        return response!.Value;
    }
}
