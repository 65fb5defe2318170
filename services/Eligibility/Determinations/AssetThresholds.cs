using ReliefPlatform.Eligibility.Monitoring;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>A department's record of a household member's asset.</summary>
public sealed record AssetRecord(string IdNumber, Signal Signal, decimal? Amount);

/// <summary>An asset above what dibao and tekun allow: whose (null for the household's), how much, and the limit.</summary>
public sealed record AssetExcess(Department Department, string? IdNumber, decimal? Amount, decimal? Limit, int? Count);

/// <summary>
/// The asset limits (R6, R20; dated parameters): a vehicle at or above <c>vehicle-value-threshold</c>, a
/// business registration, more than one property, deposits above <c>deposits-per-person-threshold</c> per
/// member. One home: the verification of an application and the check of the roster against department
/// feeds both ask this.
/// </summary>
public static class AssetThresholds
{
    /// <param name="records">The household's records, oldest first (the latest deposit balance per person counts).</param>
    public static List<AssetExcess> Of(IReadOnlyList<AssetRecord> records, int householdSize, decimal vehicleThreshold, decimal depositsPerPerson)
    {
        ArgumentNullException.ThrowIfNull(records);
        var excess = new List<AssetExcess>();
        excess.AddRange(records.Where(r => r.Signal == Signal.VehicleOwned && r.Amount >= vehicleThreshold)
            .Select(r => new AssetExcess(Department.Vehicles, r.IdNumber, r.Amount, vehicleThreshold, null)));
        excess.AddRange(records.Where(r => r.Signal == Signal.BusinessRegistered).Select(r => r.IdNumber).Distinct(StringComparer.Ordinal)
            .Select(id => new AssetExcess(Department.Business, id, null, null, null)));
        var properties = records.Count(r => r.Signal == Signal.PropertyOwned);
        if (properties > 1)
        {
            excess.Add(new AssetExcess(Department.RealEstate, null, null, null, properties));
        }

        var deposits = records.Where(r => r.Signal == Signal.Deposits).GroupBy(r => r.IdNumber).Sum(g => g.Last().Amount ?? 0m);
        var limit = depositsPerPerson * householdSize;
        if (deposits > limit)
        {
            excess.Add(new AssetExcess(Department.Banks, null, deposits, limit, null));
        }

        return excess;
    }
}
