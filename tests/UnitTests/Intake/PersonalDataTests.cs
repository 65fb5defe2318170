using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.UnitTests.Intake;

public sealed class PersonalDataTests
{
    [Fact]
    public void Identity_numbers_keep_the_region_and_the_last_four() =>
        Assert.Equal("361102********1236", PersonalData.MaskIdNumber("361102198001011236"));

    [Fact]
    public void Phones_keep_the_prefix_and_the_last_four() => Assert.Equal("138****5678", PersonalData.MaskPhone("13812345678"));

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("李", "*")]
    [InlineData("Li Lei", "L*****")]
    public void Names_keep_the_first_character(string name, string masked) => Assert.Equal(masked, PersonalData.MaskName(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_masks_to_nothing(string? value)
    {
        Assert.Equal("", PersonalData.MaskIdNumber(value));
        Assert.Equal("", PersonalData.MaskPhone(value));
        Assert.Equal("", PersonalData.MaskName(value));
    }

    [Fact]
    public void Short_values_are_masked_whole() => Assert.Equal("*****", PersonalData.MaskPhone("12345"));
}
