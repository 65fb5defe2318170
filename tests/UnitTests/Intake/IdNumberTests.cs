using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.UnitTests.Intake;

public sealed class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("361102198001011236")]
    [InlineData("11010519491231002x")] // lower-case x is normalized
    public void Valid_numbers_pass(string value)
    {
        Assert.Equal(IdNumber.Problem.None, IdNumber.Validate(value, Today, out var normalized));
        Assert.Equal(value.ToUpperInvariant(), normalized);
    }

    [Theory]
    [InlineData(null, IdNumber.Problem.Missing)]
    [InlineData("  ", IdNumber.Problem.Missing)]
    [InlineData("36110219800101123", IdNumber.Problem.WrongLength)]
    [InlineData("3611021980010112367", IdNumber.Problem.WrongLength)]
    [InlineData("36110219800101A236", IdNumber.Problem.InvalidCharacters)]
    [InlineData("36110219800101123Y", IdNumber.Problem.InvalidCharacters)]
    [InlineData("991102198001011236", IdNumber.Problem.UnknownRegion)]
    [InlineData("361102198002301234", IdNumber.Problem.InvalidBirthDate)]
    [InlineData("361102203001011234", IdNumber.Problem.InvalidBirthDate)]
    [InlineData("361102198001011235", IdNumber.Problem.ChecksumMismatch)]
    public void Invalid_numbers_say_why(string? value, IdNumber.Problem expected) =>
        Assert.Equal(expected, IdNumber.Validate(value, Today, out _));

    [Fact]
    public void Every_problem_has_a_chinese_and_english_explanation()
    {
        foreach (var problem in Enum.GetValues<IdNumber.Problem>().Where(p => p != IdNumber.Problem.None))
        {
            var (zh, en) = IdNumber.Describe(problem);
            Assert.False(string.IsNullOrWhiteSpace(zh));
            Assert.False(string.IsNullOrWhiteSpace(en));
        }
    }

    [Fact]
    public void The_check_character_follows_iso_7064_mod_11_2() =>
        Assert.Equal('X', IdNumber.CheckCharacter("11010519491231002"));
}
