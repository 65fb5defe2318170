using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>Adds what an integrator needs to report a problem: the trace and correlation ids.</summary>
public static class ProblemDetailsEnricher
{
    public static void Enrich(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        if (CorrelationContext.Current is { } correlationId)
        {
            problem.Extensions.TryAdd("correlationId", correlationId);
        }

        // Never leak exception details: the exception handler's problem carries only the status.
        if (context.Exception is not null && context.ProblemDetails.Status is null or >= 500)
        {
            problem.Title = "服务器内部错误 / Internal server error";
            problem.Detail = "请求未能完成，请稍后重试或联系运维并提供 traceId。 / The request could not be completed; retry later or contact operations with the traceId.";
            problem.Extensions.TryAdd("code", "internal_error");
        }
    }
}
