using System.Globalization;

namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// The 18-character resident identity number (GB 11643-1999): a 6-digit region code, the birth date
/// (yyyyMMdd), a 3-digit sequence and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Province-level codes (first two digits) in use on the mainland, Hong Kong, Macao and Taiwan.</summary>
    private static readonly HashSet<string> ProvinceCodes =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    public enum Problem
    {
        None,
        Missing,
        WrongLength,
        InvalidCharacters,
        UnknownRegion,
        InvalidBirthDate,
        ChecksumMismatch,
    }

    /// <summary>Normalizes (trim, upper-case x) and validates; <paramref name="today"/> bounds the birth date.</summary>
    public static Problem Validate(string? value, DateOnly today, out string normalized)
    {
        normalized = (value ?? "").Trim().ToUpperInvariant();
        if (normalized.Length == 0)
        {
            return Problem.Missing;
        }

        if (normalized.Length != 18)
        {
            return Problem.WrongLength;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return Problem.InvalidCharacters;
            }
        }

        if (!(char.IsAsciiDigit(normalized[17]) || normalized[17] == 'X'))
        {
            return Problem.InvalidCharacters;
        }

        if (!ProvinceCodes.Contains(normalized[..2]))
        {
            return Problem.UnknownRegion;
        }

        if (!DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth > today
            || birth.Year < 1890)
        {
            return Problem.InvalidBirthDate;
        }

        return CheckCharacter(normalized.AsSpan(0, 17)) == normalized[17] ? Problem.None : Problem.ChecksumMismatch;
    }

    public static bool IsValid(string? value, DateOnly today) => Validate(value, today, out _) == Problem.None;

    /// <summary>ISO 7064 MOD 11-2 over the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly BirthDate(string valid) =>
        DateOnly.ParseExact(valid.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Bilingual explanation of a problem, for problem responses.</summary>
    public static (string Zh, string En) Describe(Problem problem) => problem switch
    {
        Problem.Missing => ("身份证号码必填。", "The identity number is required."),
        Problem.WrongLength => ("身份证号码应为 18 位。", "The identity number must have 18 characters."),
        Problem.InvalidCharacters => ("身份证号码前 17 位应为数字，末位为数字或 X。", "The identity number must be 17 digits followed by a digit or X."),
        Problem.UnknownRegion => ("身份证号码的地区码无效。", "The identity number's region code is not valid."),
        Problem.InvalidBirthDate => ("身份证号码中的出生日期无效。", "The identity number's birth date is not a valid past date."),
        Problem.ChecksumMismatch => ("身份证号码校验位不正确（ISO 7064 MOD 11-2）。", "The identity number's check character is wrong (ISO 7064 MOD 11-2)."),
        _ => ("", ""),
    };
}
