using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Notification.Templates;

public sealed record TemplateView(string EventType, string Language, string Title, string Body, IReadOnlyList<string> Placeholders, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <param name="UpdatedBy">Who changed the text (recorded; bound to the caller's token by the gateway's identity).</param>
public sealed record TemplateUpdate(string? Title, string? Body, string? UpdatedBy);

/// <summary>Notification templates per event type and language, readable and editable by operators.</summary>
public static class TemplatesApi
{
    /// <summary>Long enough for an inbox message; an SMS of this length is sent as several parts.</summary>
    public const int MaxBodyLength = 500;

    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/templates").WithTags("Templates");
        group.MapGet("/", ListAsync).NotCountyData("the province's notice templates").WithSummary("Every template, per event type and language (zh-CN, en), with the placeholders each may use");
        group.MapGet("/{eventType}/{language}", GetAsync).NotCountyData("the province's notice templates").WithSummary("One template");
        group.MapPut("/{eventType}/{language}", UpdateAsync).ProvinceWide()
            .WithSummary("Change a template's title and body; only the event type's placeholders are allowed ({name}, {amount}…)");
        return group;
    }

    private static TemplateView View(Template t) =>
        new(t.EventType, t.Language, t.Title, t.Body, [.. TemplateCatalog.Definitions[t.EventType].Placeholders.Order()], t.UpdatedAt, t.UpdatedBy);

    internal static async Task<Ok<List<TemplateView>>> ListAsync(NotificationDbContext db, CancellationToken ct)
    {
        var templates = await db.Templates.AsNoTracking().OrderBy(t => t.EventType).ThenBy(t => t.Language).ToListAsync(ct);
        return TypedResults.Ok(templates.Where(t => TemplateCatalog.Definitions.ContainsKey(t.EventType)).Select(View).ToList());
    }

    internal static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> GetAsync(
        string eventType, string language, NotificationDbContext db, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.EventType == eventType && t.Language == language, ct);
        return template is null || !TemplateCatalog.Definitions.ContainsKey(eventType)
            ? NoSuchTemplate(eventType, language)
            : TypedResults.Ok(View(template));
    }

    internal static async Task<Results<Ok<TemplateView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string eventType, string language, TemplateUpdate? update, NotificationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TemplateCatalog.Definitions.TryGetValue(eventType, out var definition) || !Languages.IsKnown(language))
        {
            return NoSuchTemplate(eventType, language);
        }

        var errors = new ValidationErrors();
        var title = errors.Text("title", update?.Title, 100);
        var body = errors.Text("body", update?.Body, MaxBodyLength);
        var updatedBy = errors.Text("updatedBy", update?.UpdatedBy, 50);
        foreach (var (field, text) in new[] { ("title", title), ("body", body) })
        {
            var unknown = text is null ? [] : TemplateRenderer.PlaceholdersIn(text).Where(p => !definition.Placeholders.Contains(p)).ToList();
            if (unknown.Count > 0)
            {
                var names = string.Join(", ", unknown.Select(p => $"{{{p}}}"));
                var allowed = string.Join(", ", definition.Placeholders.Order().Select(p => $"{{{p}}}"));
                errors.Add(field, $"{eventType} 不提供占位符 {names}；可用：{allowed}。", $"{eventType} does not fill {names}; available: {allowed}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var template = await db.Templates.SingleOrDefaultAsync(t => t.EventType == eventType && t.Language == language, ct);
        if (template is null)
        {
            template = new Template { EventType = eventType, Language = language };
            db.Templates.Add(template);
        }

        template.Title = title!;
        template.Body = body!;
        template.UpdatedBy = updatedBy!;
        template.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(template));
    }

    private static ProblemHttpResult NoSuchTemplate(string eventType, string language) =>
        ApiProblems.NotFound("template_not_found", $"没有事件类型 {eventType}、语言 {language} 的模板（语言：zh-CN 或 en）。",
            $"There is no template for event type {eventType} in language {language} (languages: zh-CN, en).");
}
