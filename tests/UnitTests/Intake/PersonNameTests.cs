using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.UnitTests.Intake;

/// <summary>Names as the household register writes them (issue 14): they are shown on public disclosure lists.</summary>
public sealed class PersonNameTests
{
    [Theory]
    [InlineData("张三")]
    [InlineData("欧阳娜娜")]
    [InlineData("艾力·买买提")]
    [InlineData("阿依古丽・吐尔逊")] // katakana middle dot, as some input methods type it
    [InlineData("𠈌𠀾")] // Han characters outside the BMP (CJK Extension B)
    [InlineData("Maria Garcia")]
    [InlineData("བསྟན")] // Tibetan letters with their combining subjoined letter
    public void Names_of_any_script_are_accepted(string name) =>
        Assert.Equal(PersonName.Problem.None, PersonName.Validate(name, out _));

    [Theory]
    [InlineData("张\u202E三")] // right-to-left override
    [InlineData("张\u200B三")] // zero-width space
    [InlineData("张\u200D三")] // zero-width joiner
    [InlineData("张三1")]
    [InlineData("张三'; DROP TABLE applications;--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("张\t三")]
    [InlineData("张三!")]
    [InlineData("\u0301张三")] // a mark with no letter before it
    public void Anything_else_is_refused(string name) =>
        Assert.NotEqual(PersonName.Problem.None, PersonName.Validate(name, out _));

    [Theory]
    [InlineData("·张三")]
    [InlineData("张三·")]
    [InlineData("张··三")]
    [InlineData("张  三")]
    public void Separators_stand_only_between_parts_one_at_a_time(string name) =>
        Assert.Equal(PersonName.Problem.MisplacedSeparator, PersonName.Validate(name, out _));

    [Fact]
    public void Length_is_counted_in_characters_up_to_the_register_limit()
    {
        Assert.Equal(PersonName.Problem.None, PersonName.Validate(new string('张', PersonName.MaxLength), out _));
        Assert.Equal(PersonName.Problem.TooLong, PersonName.Validate(new string('张', PersonName.MaxLength + 1), out _));
        Assert.Equal(PersonName.Problem.None, PersonName.Validate(string.Concat(Enumerable.Repeat("𠈌", PersonName.MaxLength)), out _));
        Assert.Equal(PersonName.Problem.Empty, PersonName.Validate("  ", out _));
    }

    [Fact]
    public void Names_are_trimmed_and_composed()
    {
        Assert.Equal(PersonName.Problem.None, PersonName.Validate("  Jose\u0301 ", out var normalized));
        Assert.Equal("José", normalized);
    }
}
