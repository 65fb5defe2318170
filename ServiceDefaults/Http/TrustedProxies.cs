using System.Net;
using Microsoft.AspNetCore.Builder;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>Which proxies' <c>X-Forwarded-*</c> headers a service believes: addresses or CIDR networks from configuration.</summary>
public static class TrustedProxies
{
    /// <summary>Adds each of <paramref name="proxies"/> (an address, e.g. <c>127.0.0.1</c>, or a network, e.g. <c>10.0.0.0/8</c>) to the trusted networks.</summary>
    public static ForwardedHeadersOptions Trust(this ForwardedHeadersOptions options, IEnumerable<string> proxies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(proxies);
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(proxy.Contains('/', StringComparison.Ordinal)
                ? System.Net.IPNetwork.Parse(proxy)
                : new System.Net.IPNetwork(IPAddress.Parse(proxy), IPAddress.Parse(proxy).GetAddressBytes().Length * 8));
        }

        return options;
    }
}
