using ReliefPlatform.Gateway.Protection;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>What the gateway's access log writes of a request target and its correlation id (issue 14).</summary>
public sealed class EdgeLoggingTests
{
    [Theory]
    [InlineData("/api/payments/payments?payeeIdNumber=361102198001011234")]
    [InlineData("/api/payments/payments?payeeIdNumber=%3361102198001011234")] // one digit percent-encoded
    [InlineData("/api/payments/payments?payeeIdNumber=%253361102198001011234")] // encoded twice
    [InlineData("/api/payments/payments?payeeIdNumber=36110219800101123%34")]
    public void Identity_numbers_are_masked_after_decoding(string target)
    {
        var logged = ProtectionExtensions.Mask(target);

        Assert.DoesNotContain("361102198001011234", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void Phone_numbers_with_an_encoded_digit_are_masked() =>
        Assert.DoesNotContain("13812345678", ProtectionExtensions.Mask("/api/intake/leads?phone=%31%33812345678"), StringComparison.Ordinal);

    [Fact]
    public void Decoded_line_breaks_cannot_forge_a_log_line() =>
        Assert.DoesNotContain('\n', ProtectionExtensions.Mask("/api/intake/applications?x=%0AGET%20/admin%20200"));

    [Theory]
    [InlineData("abc-123")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void Plain_correlation_ids_are_kept(string id) => Assert.Equal(id, CorrelationIdMiddleware.Sanitize(id));

    [Theory]
    [InlineData("361102198001011234 <script>")]
    [InlineData("id\r\nforged: line")]
    [InlineData("ok%0Aforged")]
    public void Forged_correlation_ids_are_dropped(string id) => Assert.Null(CorrelationIdMiddleware.Sanitize(id));
}
