using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Diagnostics;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.ServiceDefaults.Diagnostics;

public sealed record WiringProbeRequest([property: MaxLength(200)] string? Note);

public sealed record WiringProbeView(Guid ProbeId, string Service, string Direction, DateTimeOffset SentAt, DateTimeOffset RecordedAt, string? CorrelationId, string? Note);

/// <summary>
/// <c>POST {prefix}/diagnostics/probes</c> writes a probe and its <see cref="WiringProbeSent"/> event in
/// one transaction; <c>GET {prefix}/diagnostics/probes/{id}</c> shows what this service recorded.
/// </summary>
public static class WiringProbeApi
{
    public static IBusRegistrationConfigurator AddWiringProbeConsumer<TDbContext>(this IBusRegistrationConfigurator bus)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<WiringProbeConsumer<TDbContext>, WiringProbeConsumerDefinition<TDbContext>>();
        return bus;
    }

    public static RouteGroupBuilder MapWiringProbeApi<TDbContext>(this IEndpointRouteBuilder app, string serviceName, bool canSend = false)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup($"{ResourceNames.ApiPrefix(serviceName)}/diagnostics/probes").WithTags("Diagnostics").ProvinceWide();

        var handlers = new WiringProbeHandlers<TDbContext>(serviceName);
        if (canSend)
        {
            group.MapPost("/", handlers.SendAsync);
        }

        group.MapGet("/{probeId:guid}", handlers.GetAsync);

        return group;
    }

    public static IServiceCollection AddWiringProbeIdentity(this IServiceCollection services, string serviceName) =>
        services.AddSingleton(new WiringProbeIdentity(serviceName));
}

internal sealed class WiringProbeHandlers<TDbContext>(string serviceName) where TDbContext : DbContext
{
    public async Task<Results<Accepted<WiringProbeView>, ValidationProblem>> SendAsync(WiringProbeRequest request, TDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Note is { Length: > 200 })
        {
            return ApiProblems.Validation("note", "备注不能超过 200 个字符。", "The note must be at most 200 characters.");
        }

        // PostgreSQL stores no NUL, and a note is echoed into logs: no control characters.
        if (request.Note is { } text && text.Any(char.IsControl))
        {
            return ApiProblems.Validation("note", "备注不能包含控制字符。", "The note must not contain control characters.");
        }

        var note = request.Note;

        var now = clock.GetUtcNow();
        var probe = new WiringProbe
        {
            ProbeId = Guid.CreateVersion7(now),
            Service = serviceName,
            Direction = WiringProbeDirection.Sent,
            SentAt = now,
            RecordedAt = now,
            CorrelationId = CorrelationContext.Current,
            Note = note,
        };
        db.Set<WiringProbe>().Add(probe);
        db.AddToOutbox(new WiringProbeSent(probe.ProbeId, serviceName, now, note));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"{ResourceNames.ApiPrefix(serviceName)}/diagnostics/probes/{probe.ProbeId}", ToView(probe));
    }

    public async Task<Results<Ok<WiringProbeView>, ProblemHttpResult>> GetAsync(Guid probeId, TDbContext db, CancellationToken ct)
    {
        var probe = await db.Set<WiringProbe>().AsNoTracking()
            .Where(p => p.ProbeId == probeId)
            .OrderBy(p => p.Direction)
            .FirstOrDefaultAsync(ct);
        return probe is null
            ? ApiProblems.NotFound("probe_not_found", $"本服务（{serviceName}）未记录该探针。", $"Service '{serviceName}' has not recorded this probe.")
            : TypedResults.Ok(ToView(probe));
    }

    private static WiringProbeView ToView(WiringProbe probe) =>
        new(probe.ProbeId, probe.Service, probe.Direction.ToString().ToLowerInvariant(), probe.SentAt, probe.RecordedAt, probe.CorrelationId, probe.Note);
}
