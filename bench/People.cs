using System.Globalization;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Bench;

/// <summary>Distinct, valid resident identity numbers (GB 11643) for generated people, spread over the twelve counties.</summary>
public static class People
{
    public static readonly string[] Counties = [.. Counties_.Names.Keys.Order()];

    public static string County(long i) => Counties[(int)(i % Counties.Length)];

    /// <summary>Person <paramref name="i"/> of a run; <paramref name="salt"/> keeps the people of different scenarios apart.</summary>
    public static string IdNumber(long i, int salt = 0)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays((int)(i / Counties.Length % 18_000));
        var sequence = (i / Counties.Length / 18_000 + salt * 97) % 1000;
        var first17 = County(i) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + Contracts.Shared.IdNumber.CheckCharacter(first17);
    }

    private static class Counties_
    {
        public static IReadOnlyDictionary<string, string> Names => Contracts.Shared.Counties.Names;
    }
}
