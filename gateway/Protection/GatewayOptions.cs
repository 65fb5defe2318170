namespace ReliefPlatform.Gateway.Protection;

/// <summary>The gateway's limits (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body in general.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body of a department's monitoring feed (R2: up to 100,000 records).</summary>
    public long MaxFeedBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest upload of a household investigation's document or photo (the service's own limit is 5 MB of file).</summary>
    public long MaxDocumentBodyBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>How long a service may take to answer before the gateway answers 504.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests a minute per client unless its registration says otherwise.</summary>
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Requests a minute per address for callers without a token (the token endpoint, documents).</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Addresses or networks (CIDR) of proxies whose <c>X-Forwarded-For</c> is believed: the reference web
    /// frontend's servers, which call the public APIs for their visitors, so that the per-address limit counts
    /// each visitor rather than all of them together. None by default: nobody else can claim another address.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Browser origins of frontend teams allowed to call the APIs (CORS).</summary>
    public List<string> CorsOrigins { get; set; } = [];
}
