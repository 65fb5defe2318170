using System.Security.Cryptography;

namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// The codes people follow their application or complaint with, without an account: 12 characters drawn
/// at random (unguessable: the code is the only key of its public page), without 0/O or 1/I/L so that
/// they can be read out on the phone.
/// </summary>
public static class TrackingCodes
{
    public const int Length = 12;
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>A code as a person may type it (lower case, spaces, dashes), or null when it cannot be one.</summary>
    public static string? Normalize(string? code)
    {
        var text = string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return text.Length == Length && text.All(Alphabet.Contains) ? text : null;
    }
}
