namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// County-level administrative divisions (6-digit codes, GB/T 2260) the platform serves: the
/// counties, districts and county-level cities of Shangrao (上饶市).
/// </summary>
public static class Counties
{
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["361102"] = "信州区",
        ["361103"] = "广丰区",
        ["361104"] = "广信区",
        ["361123"] = "玉山县",
        ["361124"] = "铅山县",
        ["361125"] = "横峰县",
        ["361126"] = "弋阳县",
        ["361127"] = "余干县",
        ["361128"] = "鄱阳县",
        ["361129"] = "万年县",
        ["361130"] = "婺源县",
        ["361181"] = "德兴市",
    };

    public static bool IsKnown(string? code) => code is not null && Names.ContainsKey(code);
}
