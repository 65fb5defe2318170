namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// The unified social credit code of an organisation (统一社会信用代码, GB 32100-2015): 18 characters of
/// 0-9 and the capitals without I, O, S, V, Z, the last a check character over the first 17.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The code in capitals when it is well formed and its check character matches; otherwise null.</summary>
    public static string? Normalize(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (code is not { Length: 18 } || code.Any(c => Alphabet.IndexOf(c, StringComparison.Ordinal) < 0))
        {
            return null;
        }

        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? code : null;
    }

    /// <summary>The check character of the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Masked as lists show it: the registering authority and region, the rest hidden but the last four.</summary>
    public static string Mask(string? code) => code is { Length: 18 } ? $"{code[..8]}******{code[^4..]}" : "****";
}
