using System.Text.Json.Serialization;

namespace ReliefPlatform.Contracts.Intake;

[JsonConverter(typeof(JsonStringEnumConverter<Relation>))]
public enum Relation
{
    [JsonStringEnumMemberName("self")] Self,
    [JsonStringEnumMemberName("spouse")] Spouse,
    [JsonStringEnumMemberName("child")] Child,
    [JsonStringEnumMemberName("parent")] Parent,
    [JsonStringEnumMemberName("grandparent")] Grandparent,
    [JsonStringEnumMemberName("grandchild")] Grandchild,
    [JsonStringEnumMemberName("sibling")] Sibling,
    [JsonStringEnumMemberName("other")] Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<IncomeSource>))]
public enum IncomeSource
{
    [JsonStringEnumMemberName("wage")] Wage,
    [JsonStringEnumMemberName("business")] Business,
    [JsonStringEnumMemberName("agriculture")] Agriculture,
    [JsonStringEnumMemberName("pension")] Pension,
    [JsonStringEnumMemberName("property")] Property,
    [JsonStringEnumMemberName("transfer")] Transfer,
    [JsonStringEnumMemberName("other")] Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<EmploymentStatus>))]
public enum EmploymentStatus
{
    [JsonStringEnumMemberName("employed")] Employed,
    [JsonStringEnumMemberName("flexible")] Flexible,
    [JsonStringEnumMemberName("unemployed")] Unemployed,
    [JsonStringEnumMemberName("retired")] Retired,
    [JsonStringEnumMemberName("student")] Student,
    [JsonStringEnumMemberName("not-working")] NotWorking,
}

[JsonConverter(typeof(JsonStringEnumConverter<GraduateStatus>))]
public enum GraduateStatus
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("employed")] Employed,
    [JsonStringEnumMemberName("unemployed")] Unemployed,
    [JsonStringEnumMemberName("business-failed")] BusinessFailed,
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkAbility>))]
public enum WorkAbility
{
    [JsonStringEnumMemberName("full")] Full,
    [JsonStringEnumMemberName("partial")] Partial,
    [JsonStringEnumMemberName("none")] None,
}

[JsonConverter(typeof(JsonStringEnumConverter<AuthorizationMethod>))]
public enum AuthorizationMethod
{
    /// <summary>A signed paper letter, scanned; the reference points at the scan.</summary>
    [JsonStringEnumMemberName("paper-scan")] PaperScan,

    /// <summary>An electronic signature; the reference is the signature id.</summary>
    [JsonStringEnumMemberName("e-signature")] ESignature,
}

public sealed record MonthlyIncome(IncomeSource Source, decimal Amount);

/// <summary>A member of the applying household, with the facts the means test and the schemes need.</summary>
public sealed record HouseholdMember(
    string IdNumber,
    string Name,
    Relation Relation,
    IReadOnlyList<MonthlyIncome> MonthlyIncomes,
    EmploymentStatus EmploymentStatus,
    string? WorkCounty,
    bool UnemploymentInsured,
    bool Disabled,
    bool Student,
    GraduateStatus GraduateStatus,
    WorkAbility WorkAbility,
    bool HasLegalSupporter)
{
    public decimal TotalMonthlyIncome => MonthlyIncomes.Sum(i => i.Amount);
}

/// <summary>The circumstances of the request (months without income, illness, risk area, urgency).</summary>
public sealed record Circumstances(
    int MonthsWithoutIncome,
    bool QuarantineOrIllnessInFamily,
    bool InRiskArea,
    bool Urgent,
    string? Description);

/// <summary>The signed authorization to verify the household's economic situation (一证一书, R3).</summary>
public sealed record VerificationAuthorization(string SignedBy, DateTimeOffset SignedAt, AuthorizationMethod Method, string Reference);
