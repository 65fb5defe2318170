using System.Text.Json.Serialization;

namespace ReliefPlatform.Contracts.Shared;

/// <summary>The assistance a person asks for or receives.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Scheme>))]
public enum Scheme
{
    [JsonStringEnumMemberName("dibao")] Dibao,
    [JsonStringEnumMemberName("tekun")] Tekun,
    [JsonStringEnumMemberName("temporary-assistance")] TemporaryAssistance,
}

/// <summary>The kind of temporary assistance (临时救助), each with its rule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TemporaryAssistanceKind>))]
public enum TemporaryAssistanceKind
{
    /// <summary>R4: uninsured unemployed, no income for three months.</summary>
    [JsonStringEnumMemberName("uninsured-unemployed")] UninsuredUnemployed,

    /// <summary>R5: unemployed college graduate, or whose business failed.</summary>
    [JsonStringEnumMemberName("unemployed-graduate")] UnemployedGraduate,

    /// <summary>R9: a roster household with a patient or quarantined member.</summary>
    [JsonStringEnumMemberName("epidemic-hit")] EpidemicHit,

    /// <summary>R13: people in temporary difficulty in a medium / high-risk area.</summary>
    [JsonStringEnumMemberName("risk-area")] RiskArea,

    /// <summary>R10: anyone else whose basic living is hit.</summary>
    [JsonStringEnumMemberName("general")] General,
}

/// <summary>Where an application came in (R3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    [JsonStringEnumMemberName("hotline-12345")] Hotline12345,
    [JsonStringEnumMemberName("walk-in")] WalkIn,
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("qr-code")] QrCode,
    [JsonStringEnumMemberName("outreach")] Outreach,
}

[JsonConverter(typeof(JsonStringEnumConverter<AreaType>))]
public enum AreaType
{
    [JsonStringEnumMemberName("urban")] Urban,
    [JsonStringEnumMemberName("rural")] Rural,
}
