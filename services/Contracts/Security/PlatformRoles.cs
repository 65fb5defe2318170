namespace ReliefPlatform.Contracts.Security;

/// <summary>The levels of unit a role is held at (the province's organisation tree).</summary>
public enum RoleLevel
{
    Village,
    Township,
    County,
    CityOrProvince,
    Any,
}

/// <summary>A role a person holds at a unit: where it may be held, the scopes it brings, and whether it needs a second factor.</summary>
public sealed record PlatformRole(string Name, string Zh, RoleLevel Level, IReadOnlyList<string> Scopes, bool NeedsSecondFactor);

/// <summary>
/// The people's roles (issue 16). A person's token carries the scopes of the roles they hold at their
/// unit; what they may touch is then the unit's (a township's people act for its county's records
/// until records carry a township). Approvers sign in with a TOTP second factor. The auditor reads
/// everything and changes nothing; the administrator keeps policy and people.
/// </summary>
public static class PlatformRoles
{
    public const string VillageCoordinator = "village-coordinator";
    public const string TownshipCaseworker = "township-caseworker";
    public const string TownshipApprover = "township-approver";
    public const string CountyApprover = "county-approver";
    public const string CountyFinance = "county-finance";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<PlatformRole> All =
    [
        // relief.approve: in medium / high-risk areas a community or village grants directly (R8, R13); GrantAuthority keeps it to those.
        new(VillageCoordinator, "村（社区）协理员", RoleLevel.Village, [Security.Scopes.IntakeRead, Security.Scopes.IntakeWrite, Security.Scopes.ReliefApprove], false),
        new(TownshipCaseworker, "乡镇（街道）经办人", RoleLevel.Township, [Security.Scopes.IntakeRead, Security.Scopes.IntakeWrite, Security.Scopes.ReliefApprove, Security.Scopes.NotificationsRead, Security.Scopes.EligibilityCasework], false),
        new(TownshipApprover, "乡镇（街道）审批人", RoleLevel.Township, [Security.Scopes.IntakeRead, Security.Scopes.ReliefApprove, Security.Scopes.ReportsRead, Security.Scopes.EligibilityCasework], true),
        new(CountyApprover, "县级审批人", RoleLevel.County, [Security.Scopes.IntakeRead, Security.Scopes.ReliefApprove, Security.Scopes.EligibilityAdmin, Security.Scopes.ReportsRead, Security.Scopes.EligibilityCasework, Security.Scopes.OversightHandle], true),
        new(CountyFinance, "县级财务", RoleLevel.County, [Security.Scopes.PaymentsOperate, Security.Scopes.ReportsRead], false),
        new(Supervisor, "市/省级监督员", RoleLevel.CityOrProvince, [Security.Scopes.ReportsRead, Security.Scopes.OversightHandle], false),
        new(Auditor, "审计员", RoleLevel.Any, [Security.Scopes.ReportsRead, Security.Scopes.AuditRead], false),
        new(Administrator, "管理员", RoleLevel.Any, [Security.Scopes.EligibilityAdmin, Security.Scopes.PeopleAdmin, Security.Scopes.ReportsRead], true),
    ];

    public static PlatformRole? Find(string? name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The scopes of a set of roles.</summary>
    public static IReadOnlyList<string> ScopesOf(IEnumerable<string> roles) =>
        [.. roles.Select(Find).OfType<PlatformRole>().SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal)];
}
