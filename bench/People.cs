using System.Globalization;
using System.Net.Http.Json;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Bench;

/// <summary>Distinct, valid resident identity numbers (GB 11643) for generated people, spread over the twelve counties.</summary>
public static class People
{
    // Shangrao's counties in force: the example installation seeds their standards.
    public static readonly string[] Counties = [.. Places.PlaceRegistry.Current.ChildrenOf("361100").Where(c => c.IsCurrent).Select(c => c.Code).Order()];

    public static string County(long i) => Counties[(int)(i % Counties.Length)];

    /// <summary>Person <paramref name="i"/> of a run; <paramref name="salt"/> keeps the people of different scenarios apart.</summary>
    public static string IdNumber(long i, int salt = 0)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays((int)(i / Counties.Length % 18_000));
        var sequence = (i / Counties.Length / 18_000 + salt * 97) % 1000;
        var first17 = County(i) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + Contracts.Shared.IdNumber.CheckCharacter(first17);
    }

    /// <summary>
    /// A mobile number of the person's own, derived from the identity number: households in a surge have phones of their
    /// own, and one phone on every application would be a harness artefact (oversight raises a shared-phone flag on each
    /// and serialises them on the phone's lock, issue 22).
    /// </summary>
    public static string Phone(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var digits = ulong.Parse(idNumber.AsSpan(0, 17), CultureInfo.InvariantCulture);
        return "139" + ((digits * 0x9E3779B97F4A7C15UL >> 20) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }
}

/// <summary>Money for the scenarios: a fund of one purpose with an allocation to every county, made through the API.</summary>
public static class BenchFunds
{
    public static async Task AllocateAsync(HttpClient gateway, string level, string name, string purpose, decimal perCounty)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        using var fund = await gateway.PostAsJsonAsync("/api/payments/funds", new { level, name, purposes = new[] { purpose } });
        fund.EnsureSuccessStatusCode();
        var fundId = (await fund.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("fundId").GetGuid();
        foreach (var county in People.Counties)
        {
            using var allocation = await gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county, amount = perCounty, allocatedBy = "bench" });
            allocation.EnsureSuccessStatusCode();
        }
    }
}
