using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Oversight.Disclosure;

/// <summary>One line of the public list, masked as national practice requires: surname and one star, the identity number's first 6 and last 4 digits.</summary>
public sealed record DisclosedRecipient(string Category, string Name, string IdNumber, int HouseholdSize, decimal MonthlyAmount, string County, string? Township, string? Village,
    DateOnly Since, DateOnly? ExitDate);

public sealed record DisclosedGrant(string Name, string IdNumber, decimal Amount, string County, string? Township, DateOnly GrantedOn);

public sealed record DisclosureList(string Unit, string UnitName, PagedList<DisclosedRecipient> Recipients, IReadOnlyList<DisclosedGrant> TemporaryAssistance, string ProposalsUnderDisclosure);

public sealed record ProcedureStep(string Zh, string En);

/// <summary>What R18 publishes for a county: where to call, where to complain, how to apply, and the links to the standards and the QR code.</summary>
public sealed record Publicity(string County, string CountyName, string Hotline, string ComplaintPhone, string ComplaintForm, string ApplyOnline, string QrCode, string Standards,
    string Recipients, string ProposalsUnderDisclosure, IReadOnlyList<ProcedureStep> Procedure);

/// <summary>
/// Public disclosure (R18 R20), without a token, cached briefly and rate-limited per address by the
/// gateway: the recipients of a village/community, township or county as national practice masks them,
/// the temporary assistance granted in the last months, and what the province publishes.
/// </summary>
public static class PublicDisclosureApi
{
    private static readonly ProcedureStep[] Procedure =
    [
        new("申请：本人或委托他人向乡镇（街道）提出，也可扫码或在线申请；签署家庭经济状况核对授权书。", "Apply at the township, by QR code or online, signing the authorization to verify the household's finances."),
        new("核对：民政部门会同有关部门核对收入和财产。", "Verification: civil affairs check income and assets with the other departments."),
        new("入户调查：乡镇（街道）工作人员入户调查，提出审核意见。", "Investigation: township staff visit the household and propose a decision."),
        new("公示：拟纳入名单在村（社区）公示，期间任何人可以提出异议。", "Disclosure: the proposal is posted in the village or community; anyone may object meanwhile."),
        new("审批：公示期满无异议（或异议已处理）后作出决定；不予批准的书面说明理由，可申请复查、复议。", "Decision after the disclosure period and any objection; a refusal is reasoned in writing and can be reviewed."),
        new("发放：按月发放到本人账户，并在本地长期公示。", "Payment: monthly to the recipient's account, and the recipients are disclosed locally."),
    ];

    public static void MapPublicDisclosureApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/public/oversight").WithTags("Public disclosure (公示)");
        group.MapGet("/recipients", RecipientsAsync).NotCountyData("public disclosure of recipients, masked (R18, R20)")
            .WithSummary("The current dibao and tekun recipients of a village/community, township or county, and the temporary assistance granted in the last months; masked per national practice");
        group.MapGet("/publicity", PublicityOf).NotCountyData("what R18 publishes")
            .WithSummary("A county's hotline and complaint numbers, the complaint form, online application, QR code, standards and the procedure (R18)");
    }

    internal static async Task<Results<Ok<DisclosureList>, ValidationProblem>> RecipientsAsync(HttpContext http, OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock,
        CancellationToken ct, string? unit = null, int page = 1, int pageSize = 100)
    {
        var places = PlaceRegistry.Current;
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        if (unit is null || !places.IsServedUnit(unit) || places.LevelOf(unit) is not (UnitLevel.County or UnitLevel.Township or UnitLevel.Village))
        {
            errors.Add("unit", "请给出本平台服务的县、乡镇（街道）或村（社区）代码。", "Give the code of a county, township or village/community this platform serves.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var settings = options.Value;
        // Nobody after exit beyond the configured period; nobody not approved (proposals are eligibility's list).
        var shownSince = today.AddDays(-settings.AfterExitDaysOn(today));
        var level = places.LevelOf(unit!);
        var roster = db.RosterEntries.AsNoTracking().Where(r => r.ExitDate == null || r.ExitDate > shownSince);
        roster = level switch
        {
            UnitLevel.Village => roster.Where(r => r.Village == unit),
            UnitLevel.Township => roster.Where(r => r.Township == unit),
            _ => roster.Where(r => r.County == unit),
        };
        var total = await roster.CountAsync(ct);
        var rows = await roster.OrderBy(r => r.Township).ThenBy(r => r.Village).ThenBy(r => r.StartDate).ThenBy(r => r.RecipientId).Page(page, pageSize).ToListAsync(ct);

        var grantedSince = ChinaTime.StartOf(today.AddMonths(-settings.TemporaryMonthsOn(today)));
        var grants = level == UnitLevel.Village
            ? []
            : await db.SeenGrants.AsNoTracking().Where(g => g.ApprovedAt >= grantedSince && (level == UnitLevel.Township ? g.Township == unit : g.County == unit))
                .OrderByDescending(g => g.ApprovedAt).Take(500).ToListAsync(ct);

        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new DisclosureList(unit!, places.Find(unit!)?.Name ?? unit!,
            new PagedList<DisclosedRecipient>([.. rows.Select(r => new DisclosedRecipient(r.Category, PersonalData.Surname(r.HeadName), PersonalData.MaskIdNumber(r.HeadIdNumber),
                r.Members.Length, r.MonthlyAmount, r.County, r.Township, r.Village, r.StartDate, r.ExitDate))], page, pageSize, total),
            [.. grants.Select(g => new DisclosedGrant(PersonalData.Surname(g.PayeeName), PersonalData.MaskIdNumber(g.PayeeIdNumber), g.GrantedAmount ?? g.Amount, g.County, g.Township,
                ChinaTime.DateOf(g.ApprovedAt)))],
            $"/public/eligibility/disclosures?unit={unit}"));
    }

    internal static Results<Ok<Publicity>, ValidationProblem> PublicityOf(HttpContext http, IOptions<OversightOptions> options, string? county = null)
    {
        var errors = new ValidationErrors();
        var code = errors.County("county", county);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var (hotline, complaints) = options.Value.Publicity.For(code!);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(new Publicity(code!, PlaceRegistry.Current.Find(code!)?.Name ?? code!, hotline, complaints, "/public/oversight/complaints", "/apply",
            $"/public/intake/qr-codes/{code}", $"/public/eligibility/standards?county={code}", $"/public/oversight/recipients?unit={code}",
            $"/public/eligibility/disclosures?unit={code}", Procedure));
    }
}
