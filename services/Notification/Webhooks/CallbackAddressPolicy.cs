using System.Net;
using System.Net.Sockets;

namespace ReliefPlatform.Notification.Webhooks;

/// <summary>
/// Keeps webhook callbacks on the public internet: a callback to a loopback, private, link-local or
/// otherwise internal address would let a subscriber make the platform call its own services (SSRF).
/// Checked when a subscription is made and again on every connection, since a name may resolve
/// differently later (DNS rebinding).
/// </summary>
public static class CallbackAddressPolicy
{
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (bytes[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,        // carrier-grade NAT 100.64.0.0/10
            169 => b[1] == 254,                     // link-local, cloud metadata services
            172 => b[1] is >= 16 and <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2), // private, IETF protocol, TEST-NET-1
            198 => b[1] is 18 or 19,                // benchmarking
            >= 224 => true,                         // multicast, reserved, broadcast
            _ => false,
        };
    }

    /// <summary>Checks a callback URL's form: absolute http(s), no credentials in it; https unless internal addresses are allowed (local runs).</summary>
    public static (string Zh, string En)? CheckForm(string url, bool allowInternal)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return ("必须是完整的 http(s) 地址。", "Must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ("地址中不能包含用户名或密码。", "Must not carry a user name or password.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !allowInternal)
        {
            return ("必须使用 https。", "Must use https.");
        }

        return null;
    }

    /// <summary>Resolves the callback's host; refuses it when any address it resolves to is internal (unless allowed).</summary>
    public static async Task<(string Zh, string En)?> CheckAddressAsync(string url, bool allowInternal, CancellationToken ct)
    {
        if (allowInternal)
        {
            return null;
        }

        var uri = new Uri(url);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return ("无法解析该主机名。", "The host name does not resolve.");
        }

        if (addresses.Length == 0 || addresses.Any(IsInternal))
        {
            return ("不能指向回环、内网或保留地址。", "Must not point at a loopback, private or reserved address.");
        }

        return null;
    }
}
