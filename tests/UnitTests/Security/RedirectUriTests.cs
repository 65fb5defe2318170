using ReliefPlatform.Gateway.Identity;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>Where the gateway sends a person's authorization code: registered addresses only, loopback on any port (RFC 8252 §7.3).</summary>
public sealed class RedirectUriTests
{
    private static readonly ClientRegistration Console = new()
    {
        Public = true,
        RedirectUris = ["https://relief.example.gov.cn/console/signed-in", "http://localhost/console/signed-in"],
    };

    [Theory]
    [InlineData("https://relief.example.gov.cn/console/signed-in")]
    [InlineData("http://localhost/console/signed-in")]
    [InlineData("http://localhost:41234/console/signed-in")]
    public void A_registered_address_or_the_registered_loopback_one_on_another_port_is_accepted(string uri) =>
        Assert.True(Console.AcceptsRedirectUri(uri));

    [Theory]
    [InlineData("https://relief.example.gov.cn:8443/console/signed-in")] // not loopback: exact only
    [InlineData("https://evil.example.com/console/signed-in")]
    [InlineData("http://localhost:41234/console/elsewhere")]
    [InlineData("https://localhost:41234/console/signed-in")] // another scheme
    [InlineData("http://127.0.0.1:41234/console/signed-in")] // another loopback host than registered
    [InlineData("http://user@localhost:41234/console/signed-in")]
    [InlineData("http://localhost:41234/console/signed-in#fragment")]
    [InlineData("not a uri")]
    public void Any_other_address_is_refused(string uri) => Assert.False(Console.AcceptsRedirectUri(uri));
}
