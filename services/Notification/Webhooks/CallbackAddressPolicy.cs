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
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // An IPv6 address that carries an IPv4 one reaches that IPv4 host: decide on it.
            if (EmbeddedIPv4(address) is { } embedded)
            {
                address = embedded;
            }
            else
            {
                return IsInternalIPv6(address);
            }
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.None))
        {
            return true;
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

    /// <summary>
    /// The IPv4 address inside an IPv6 one, for every form that routes to it: IPv4-mapped
    /// (<c>::ffff:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>, deprecated but still parsed),
    /// IPv4-translated (<c>::ffff:0:a.b.c.d</c>), NAT64 (<c>64:ff9b::/96</c> and <c>64:ff9b:1::/48</c>) and
    /// 6to4 (<c>2002:aabb:ccdd::/48</c>). Without this, <c>[::127.0.0.1]</c> or
    /// <c>[64:ff9b::a9fe:a9fe]</c> (169.254.169.254) passed as public IPv6.
    /// </summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b.AsSpan(2, 4));
        }

        var last4 = new IPAddress(b.AsSpan(12, 4));
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B
            && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (b[4] == 0x00 && b[5] == 0x01)))
        {
            return last4;
        }

        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) >= 0)
        {
            return null;
        }

        var middle = (b[8] << 24) | (b[9] << 16) | (b[10] << 8) | b[11];
        var isCompatible = middle == 0 && (b[12] | b[13]) != 0; // ::a.b.c.d, but not :: or ::1
        return middle is 0x0000_FFFF or unchecked((int)0xFFFF_0000) || isCompatible ? last4 : null;
    }

    /// <summary>
    /// Anything outside global unicast (2000::/3) is internal or reserved (loopback, unspecified,
    /// unique local, link-local, multicast…); inside it, Teredo (2001::/32, whose endpoint cannot be
    /// checked) and documentation (2001:db8::/32) are refused too.
    /// </summary>
    private static bool IsInternalIPv6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if ((b[0] & 0xE0) != 0x20)
        {
            return true;
        }

        return b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x00 && b[3] == 0x00) || (b[2] == 0x0D && b[3] == 0xB8));
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
