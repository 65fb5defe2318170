namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>
/// The tests play many people and systems from one machine. The gateway limits callers without a token
/// (sign-in pages, the token endpoint, public pages) per address, and believes X-Forwarded-For from
/// loopback (the AppHost's Gateway:TrustedProxies, set for the web frontend); so each simulated caller
/// names an address of its own (198.18.0.0/15, the range for tests), as people and systems reaching a
/// real gateway would have, instead of all of them sharing one bucket.
/// </summary>
public static class Visitors
{
    public const string Header = "X-Forwarded-For";

    public static string NewAddress() => $"198.{Random.Shared.Next(18, 20)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
}
