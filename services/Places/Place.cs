namespace ReliefPlatform.Places;

/// <summary>The levels of China's administrative divisions, and of the province's organisation tree beneath them.</summary>
public enum UnitLevel
{
    /// <summary>省、自治区、直辖市 (code 6 digits, ending 0000).</summary>
    Province,

    /// <summary>地级市、地区、自治州、盟 (6 digits, ending 00).</summary>
    City,

    /// <summary>县、县级市、区、旗 (6 digits).</summary>
    County,

    /// <summary>乡、镇、街道 (9 digits: the county's code and three more).</summary>
    Township,

    /// <summary>村委会、居委会 / 社区 (12 digits: the township's code and three more).</summary>
    Village,
}

/// <summary>
/// One place with the revisions it is valid between: codes change (上饶地区 3623 became 上饶市 3611 in
/// 2000; 上饶县 361121 became 广信区 361104 in 2019) and an old code stays valid for history, above all
/// in the identity numbers issued under it. Dates are those of the first revision that lists the code
/// and of the first that no longer does, not of the change itself; <c>null</c> from: before the oldest
/// table shipped (late 1990s); <c>null</c> to: in force.
/// </summary>
public sealed record Place(string Code, string Name, UnitLevel Level, string? Parent, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public bool IsCurrent => ValidTo is null;
}
