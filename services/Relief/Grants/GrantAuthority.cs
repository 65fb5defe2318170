using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;
using ReliefPlatform.Relief.Cases;

namespace ReliefPlatform.Relief.Grants;

/// <summary>
/// At which level a grant is decided, and whether that level may decide it. The level is the
/// approver's unit (issue 16: never declared in the body): a village or community grants directly
/// only in medium / high-risk areas (R8, R13); a township decides within the multiplier range; a
/// case-by-case amount is the county's coordination mechanism's (R14). Systems act at county level.
/// </summary>
public static class GrantAuthority
{
    public static GrantingLevel LevelOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unit = PlaceRegistry.Current.Find(actor.Unit);
        return unit?.Level switch
        {
            UnitLevel.Village => unit.Name.Contains("社区", StringComparison.Ordinal) || unit.Name.Contains("居委会", StringComparison.Ordinal)
                ? GrantingLevel.Community : GrantingLevel.Village,
            UnitLevel.Township => GrantingLevel.Township,
            _ => GrantingLevel.County,
        };
    }

    public static GrantRefusal? Refuses(GrantingLevel level, TemporaryAssistanceKind kind, bool caseByCase)
    {
        if (level is GrantingLevel.Community or GrantingLevel.Village && kind != TemporaryAssistanceKind.RiskArea)
        {
            return new("direct_grant_not_allowed", "grantingLevel", "社区（村）直接救助仅限中高风险地区的临时救助。",
                "A community or village grants directly only in medium / high-risk areas (R8, R13).", true);
        }

        if (caseByCase && level != GrantingLevel.County)
        {
            return new("case_by_case_at_county", "amount", "一事一议的金额须由县级审批。",
                "A case-by-case amount is decided at county level (R14).", true);
        }

        return null;
    }
}
