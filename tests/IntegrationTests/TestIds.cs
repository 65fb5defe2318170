using System.Globalization;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.IntegrationTests;

/// <summary>Valid, distinct resident identity numbers for test people.</summary>
public static class TestIds
{
    private static int _sequence = Random.Shared.Next(0, 500_000);

    public static string New(string region = "361102", int birthYear = 1980)
    {
        var n = Interlocked.Increment(ref _sequence);
        var birth = new DateOnly(birthYear, 1, 1).AddDays(n % 3650);
        var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
