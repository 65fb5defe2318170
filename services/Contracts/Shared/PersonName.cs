using System.Globalization;
using System.Text;

namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// A person's name as the household register (户口登记) writes it: letters of any script (Han
/// characters, including those outside the Basic Multilingual Plane, and the letters of minority
/// scripts with their combining marks), the middle dot between the parts of a transliterated name
/// (艾力·买买提) and single spaces. Names are shown on public disclosure lists (R18), so nothing else
/// gets in: no digits, punctuation, HTML or SQL, no invisible or direction-changing characters
/// (U+202E, zero-width spaces).
/// </summary>
public static class PersonName
{
    /// <summary>The register's field, and the column's length.</summary>
    public const int MaxLength = 50;

    public enum Problem
    {
        None,
        Empty,
        TooLong,
        InvalidCharacter,
        MisplacedSeparator,
    }

    /// <summary>Validates a name; <paramref name="normalized"/> is it in NFC with its ends trimmed.</summary>
    public static Problem Validate(string? value, out string normalized)
    {
        normalized = (value ?? "").Trim();
        if (normalized.Length == 0)
        {
            return Problem.Empty;
        }

        if (!normalized.IsNormalized(NormalizationForm.FormC))
        {
            normalized = normalized.Normalize(NormalizationForm.FormC);
        }

        var runes = normalized.EnumerateRunes().ToList();
        if (runes.Count > MaxLength)
        {
            return Problem.TooLong;
        }

        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            var category = Rune.GetUnicodeCategory(rune);
            if (IsLetter(category))
            {
                continue;
            }

            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                // A mark belongs to the letter before it.
                if (i == 0 || !IsLetter(Rune.GetUnicodeCategory(runes[i - 1])) && !IsMark(Rune.GetUnicodeCategory(runes[i - 1])))
                {
                    return Problem.InvalidCharacter;
                }

                continue;
            }

            if (IsSeparator(rune))
            {
                // Between two parts of the name: never first, last or doubled.
                if (i == 0 || i == runes.Count - 1 || IsSeparator(runes[i - 1]) || IsSeparator(runes[i + 1]))
                {
                    return Problem.MisplacedSeparator;
                }

                continue;
            }

            return Problem.InvalidCharacter;
        }

        return Problem.None;
    }

    public static (string Zh, string En) Describe(Problem problem) => problem switch
    {
        Problem.Empty => ("必填。", "Required."),
        Problem.TooLong => ($"不能超过 {MaxLength} 个字。", $"At most {MaxLength} characters."),
        Problem.InvalidCharacter => ("姓名只能由文字、间隔号“·”和空格组成（不能含数字、符号或不可见字符）。",
            "A name is letters of any script, the middle dot (·) and spaces only (no digits, symbols or invisible characters)."),
        Problem.MisplacedSeparator => ("间隔号和空格只能出现在姓名中间，且不能连续。", "The middle dot and spaces only stand between parts of the name, one at a time."),
        _ => ("", ""),
    };

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    private static bool IsMark(UnicodeCategory category) => category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The middle dot (U+00B7, and the katakana middle dot U+30FB some input methods give) and the space.</summary>
    private static bool IsSeparator(Rune rune) => rune.Value is 0x00B7 or 0x30FB or ' ';
}
