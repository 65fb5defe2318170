using Microsoft.AspNetCore.Http;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>
/// Refuses a query parameter that carries a control character (NUL, line breaks, escape…) with a 400
/// naming it, before any handler reads it. No filter of the platform's is meant to hold one, and
/// PostgreSQL cannot store or compare a NUL: outside testing found nine list filters answering 500.
/// </summary>
public sealed class QueryTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Any(char.IsControl) || values.Any(v => v is not null && v.Any(char.IsControl)))
            {
                errors.Add(name.Any(char.IsControl) ? "query" : name, "不能包含控制字符。", "Must not contain control characters.");
            }
        }

        if (!errors.IsEmpty)
        {
            await ApiProblems.Validation(errors.ToDictionary()).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
