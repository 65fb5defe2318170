using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>The level a county's dibao and tekun approvals are delegated to (the notice allows townships, R3).</summary>
public enum ApprovalLevel
{
    Township,
    County,
}

/// <summary>Settings of the procedure (section Eligibility:Procedure).</summary>
public sealed class ProcedureOptions
{
    public const string Section = "Eligibility:Procedure";

    /// <summary>Who decides: a township approver of the case's township (default) or a county approver of its county.</summary>
    public ApprovalLevel ApprovalLevel { get; set; } = ApprovalLevel.Township;

    /// <summary>Largest upload of an investigation (a phone photo or a scanned form).</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// For the integration platform only (as Identity:DevelopmentClients): the procedure's steps read the
    /// time from an <c>X-Test-Clock</c> header, so a test can close a 7-day disclosure without waiting
    /// 7 days. Never set in an installation: anyone could then decide a case before its disclosure ends.
    /// </summary>
    public bool AllowTestClock { get; set; }
}

/// <summary>The time a procedure step happens at: the clock, or in tests the <c>X-Test-Clock</c> header.</summary>
public sealed class ProcedureClock(TimeProvider clock, IOptions<ProcedureOptions> options)
{
    public const string Header = "X-Test-Clock";

    public DateTimeOffset Now(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return options.Value.AllowTestClock && http.Request.Headers.TryGetValue(Header, out var value)
            && DateTimeOffset.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : clock.GetUtcNow();
    }
}

/// <summary>
/// Who may do each step of the procedure, from the person's roles and unit (issue 16): the township's
/// caseworkers investigate their township's cases; the approvers of the delegated level decide.
/// </summary>
public static class ProcedureAuthority
{
    public static ProblemHttpResult? RefusesInvestigation(Caller caller, Determination determination)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // The township investigates (village coordinators assist on the visit, named among its visitors).
        return caller.Roles.Contains(PlatformRoles.TownshipCaseworker)
            ? null
            : RoleRequired("乡镇（街道）经办人", "a township caseworker");
    }

    public static ProblemHttpResult? RefusesDecision(Caller caller, Determination determination, ApprovalLevel level)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(determination);
        return level switch
        {
            ApprovalLevel.Township when !caller.Roles.Contains(PlatformRoles.TownshipApprover) || caller.Township is null =>
                RoleRequired("本乡镇（街道）审批人（审核确认权已委托乡镇）", "an approver of the township (approval is delegated to townships)"),
            ApprovalLevel.County when !caller.Roles.Contains(PlatformRoles.CountyApprover) =>
                RoleRequired("县级审批人", "a county approver"),
            _ => null,
        };
    }

    private static ProblemHttpResult RoleRequired(string zh, string en) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "role_required", "无权办理 / Forbidden", $"此环节须由{zh}办理。", $"This step is for {en}.");
}
