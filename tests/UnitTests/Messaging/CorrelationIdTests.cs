using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class CorrelationIdTests
{
    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("province-system:req_123.4")]
    public void Plain_tokens_are_kept(string value) => Assert.Equal(value, CorrelationIdMiddleware.Sanitize(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("has space")]
    [InlineData("new\nline")]
    [InlineData("<script>")]
    [InlineData("张三")]
    public void Anything_else_is_replaced(string? value) => Assert.Null(CorrelationIdMiddleware.Sanitize(value));

    [Fact]
    public void Overlong_ids_are_replaced() => Assert.Null(CorrelationIdMiddleware.Sanitize(new string('a', 65)));
}
