using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Eligibility.Roster;

public sealed record ChildEnrolmentRequest(string? Category, string? IdNumber, string? Name, string? County, string? AreaType, decimal? MonthlyAmount, DateOnly? StartDate, string? DecidedBy, string? DecisionReference);

/// <summary>
/// Orphans and de-facto unsupported children (孤儿、事实无人抚养儿童) are recognised by the civil-affairs
/// bureau's own procedure, not by an application's means test: the bureau records the decision here,
/// with its allowance, so the child is on the roster for the monthly run and the one-time subsidy (R12).
/// </summary>
public static class EnrolmentApi
{
    public static RouteGroupBuilder MapEnrolmentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility/roster").WithTags("Roster");
        group.MapPost("/children", EnrolChildAsync).WithIdempotency("eligibility-children").CountyFromRequest("county")
            .WithSummary("Record a bureau's decision recognising an orphan or a de-facto unsupported child");
        return group;
    }

    internal static async Task<Results<Created<RecipientView>, ValidationProblem, ProblemHttpResult>> EnrolChildAsync(
        ChildEnrolmentRequest request, HttpContext http, EligibilityDbContext db, TimeProvider clock, EligibilityMetrics metrics, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var errors = new ValidationErrors();
        var category = errors.Enum<RecipientCategory>("category", request.Category);
        if (category is not null and not (RecipientCategory.Orphan or RecipientCategory.UnsupportedChild))
        {
            errors.Add("category", "此处只登记 orphan 或 unsupported-child；其他类别经申请评估纳入。", "Only orphan or unsupported-child here; other categories come from assessed applications.");
        }

        var id = errors.IdNumber("idNumber", request.IdNumber, today);
        if (id is not null && IdNumber.BirthDate(id).AddYears(18) <= today)
        {
            errors.Add("idNumber", "儿童应未满 18 周岁。", "The child must be under 18.");
        }

        var name = errors.PersonName("name", request.Name);
        var county = errors.County("county", request.County);

        var area = errors.Enum<AreaType>("areaType", request.AreaType);
        errors.Yuan("monthlyAmount", request.MonthlyAmount, "月保障金额", "The monthly allowance", 10_000);

        if (request.StartDate is { } start && (start > today.AddMonths(1) || (id is not null && start < IdNumber.BirthDate(id))))
        {
            errors.Add("startDate", "起始日期应在儿童出生之后、不晚于下个月。", "The start date falls after the child's birth and no later than next month.");
        }

        var decidedBy = Caller.Of(http).Actor.Name;
        var reference = errors.Text("decisionReference", request.DecisionReference, 100);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (Caller.Of(http).Refuses(county) is { } refused)
        {
            return refused;
        }

        var childId = id!;
        var recipient = new Recipient
        {
            RecipientId = Guid.CreateVersion7(now), Category = category!.Value, Status = RecipientStatus.Active, HeadIdNumber = childId, HeadName = name!,
            County = county!, AreaType = area!.Value, MonthlyAmount = request.MonthlyAmount!.Value, StartDate = request.StartDate ?? today,
            Persons = [new RosterPerson { IdNumber = childId, Category = category.Value, IsActive = true }],
        };
        db.Recipients.Add(recipient);
        db.AddToOutbox(new RecipientEnrolled(recipient.RecipientId, null, WireName.Of(recipient.Category), childId, recipient.HeadName, recipient.County,
            recipient.MonthlyAmount, recipient.StartDate, [childId]));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterPerson.OneActiveEntryIndex))
        {
            return ApiProblems.Conflict("already_on_roster", "该儿童已在保障名册中。", "This child is already on the roster.");
        }

        metrics.Enrolled(WireName.Of(recipient.Category), recipient.County);
        return TypedResults.Created($"/api/eligibility/roster?category={WireName.Of(recipient.Category)}",
            new RecipientView(recipient.RecipientId, recipient.Category, recipient.Status, PersonalData.MaskIdNumber(childId), recipient.HeadName, recipient.County,
                recipient.AreaType, recipient.MonthlyAmount, recipient.StartDate, null, null, null, 1));
    }
}
