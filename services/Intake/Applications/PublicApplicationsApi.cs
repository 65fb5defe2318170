using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Intake.Applications;

/// <summary>
/// Applying online (码上办, R3): the target of the printed QR codes and of the public site. Anyone applies
/// for their own household without an account (one ID + one letter, the letter signed on screen), gets a
/// tracking code, and follows the application with it. The gateway rate-limits these per address.
/// </summary>
public static class PublicApplicationsApi
{
    public const string Path = "/public/intake/applications";

    public static RouteGroupBuilder MapPublicApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Applications (public)");
        group.MapPost("/", SubmitAsync).NotCountyData("anyone may apply, in any county (R3)").DisableAntiforgery()
            .WithSummary("Apply online or by QR code, without an account (channel online or qr-code); the answer carries the tracking code");
        group.MapGet("/{trackingCode}", ProgressAsync).NotCountyData("the applicant follows their application by its code")
            .WithSummary("Where an application stands, by its tracking code: status, decision and timeline, nobody's personal data");
        return group;
    }

    internal static Task<Results<Accepted<ApplicationAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ApplicationRequest request, IntakeDbContext db, OutboxSignal signal, TimeProvider clock, IntakeMetrics metrics, ILoggerFactory loggers, CancellationToken ct) =>
        ApplicationsApi.ReceiveAsync(request, valid => valid.Channel is Channel.Online or Channel.QrCode
                ? null
                : ApiProblems.Validation("channel", "网上申请的渠道为 online 或 qr-code。", "An application made online has the channel online or qr-code."),
            db, signal, clock, metrics, loggers, ct);

    internal static async Task<Results<Ok<ApplicationProgress>, ProblemHttpResult>> ProgressAsync(string trackingCode, HttpContext http, IntakeDbContext db, CancellationToken ct)
    {
        var code = TrackingCodes.Normalize(trackingCode);
        var application = code is null ? null : await db.Applications.AsNoTracking().Include(a => a.Timeline).FirstOrDefaultAsync(a => a.TrackingCode == code, ct);
        if (application is null)
        {
            return ApiProblems.NotFound("application_not_found", "没有这个查询码的申请，请核对。", "No application has this tracking code; check it.");
        }

        http.Response.Headers.CacheControl = "no-store";
        var view = ApplicationView.From(application);
        return TypedResults.Ok(new ApplicationProgress(application.TrackingCode, application.Scheme, application.Status, application.Decision, application.SubmittedAt, view.Timeline));
    }
}
