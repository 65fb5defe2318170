using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Payments.Instructions;

/// <summary>
/// A payee reported deceased (issue 18): nothing more is paid to them — what has not gone to the bank is
/// held, and what is instructed later is instructed held — until a review releases the hold (a wrong
/// report) or the held payments are cancelled.
/// </summary>
public sealed class PayeeHold
{
    public string PayeeIdNumber { get; set; } = "";
    public string Department { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public string? ReleaseReason { get; set; }

    internal static void Configure(EntityTypeBuilder<PayeeHold> hold)
    {
        hold.ToTable("payee_holds");
        hold.HasKey(h => h.PayeeIdNumber);
        hold.Property(h => h.PayeeIdNumber).HasMaxLength(18);
        hold.Property(h => h.Department).HasMaxLength(32);
        hold.Property(h => h.ReleasedBy).HasMaxLength(150);
        hold.Property(h => h.ReleaseReason).HasMaxLength(500);
    }
}

public sealed record HeldPayment(long Key, string County);

/// <summary>Holds the payees a department reports deceased and every payment of theirs not yet at the bank, in two statements.</summary>
public sealed class PersonsReportedDeceasedConsumer(PaymentsDbContext db, TimeProvider clock, ILogger<PersonsReportedDeceasedConsumer> logger)
    : IdempotentConsumer<PersonsReportedDeceased, PaymentsDbContext>(db, logger)
{
    protected override async Task HandleAsync(PersonsReportedDeceased message, ConsumeContext<PersonsReportedDeceased> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var ids = message.IdNumbers.ToArray();
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO payee_holds (payee_id_number, department, reported_at)
            SELECT id, {message.Department}, {message.ReportedAt} FROM unnest({ids}) AS id
            ON CONFLICT (payee_id_number) DO UPDATE SET reported_at = excluded.reported_at, department = excluded.department,
                released_at = NULL, released_by = NULL, release_reason = NULL
            """, ct);
        var held = await Db.Database.SqlQuery<HeldPayment>($"""
            UPDATE payments SET status = {PaymentLifecycle.Hold.To}, updated_at = {now}, failure_reason = '收款人被报送死亡，暂停发放待复核 / payee reported deceased: held for review'
            WHERE payee_id_number = ANY({ids}) AND status = ANY({PaymentLifecycle.Hold.From})
            RETURNING key, county
            """).ToListAsync(ct);
        foreach (var payment in held)
        {
            Db.Add(new PaymentAction { PaymentKey = payment.Key, Action = "hold", By = message.Department, Reason = "收款人被报送死亡，暂停发放待复核 / payee reported deceased", At = now });
        }
    }
}

public sealed record HoldReleaseRequest(string? Reason);

public sealed record HoldView(string PayeeIdNumber, string Department, DateTimeOffset ReportedAt, DateTimeOffset? ReleasedAt, string? ReleasedBy, string? ReleaseReason, int PaymentsReleased);

public static class PayeeHoldsApi
{
    public static RouteGroupBuilder MapPayeeHoldsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments/payees").WithTags("Payee holds");
        group.MapPost("/{idNumber}/hold/release", ReleaseAsync).CountyCheckedByHandler("the payee's county (from their payments)").WithIdempotency("payments-hold-release")
            .WithSummary("After review, release the hold on a payee wrongly reported deceased: their held payments go on (a person's act, with a reason)");
        return group;
    }

    internal static async Task<Results<Ok<HoldView>, ValidationProblem, ProblemHttpResult>> ReleaseAsync(
        string idNumber, HoldReleaseRequest request, HttpContext http, PaymentsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var id = idNumber.Trim().ToUpperInvariant();
        var hold = await db.Set<PayeeHold>().FirstOrDefaultAsync(h => h.PayeeIdNumber == id && h.ReleasedAt == null, ct);
        var payments = await db.Payments.Where(p => p.PayeeIdNumber == id && p.Status == PaymentStatus.Held).ToListAsync(ct);
        if (hold is null)
        {
            return ApiProblems.NotFound("hold_not_found", "该收款人没有暂停发放的记录。", "This payee is not held.");
        }

        if (payments.Select(p => p.County).Distinct().FirstOrDefault(c => !caller.MayActFor(c)) is { } other)
        {
            return Caller.CountyForbidden(other);
        }

        if (caller.Actor.Kind != ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "解除暂停须由工作人员复核后本人办理。", "A hold is released by a person who reviewed it.");
        }

        var now = clock.GetUtcNow();
        hold.ReleasedAt = now;
        hold.ReleasedBy = caller.Actor.ToString();
        hold.ReleaseReason = reason;
        foreach (var payment in payments)
        {
            payment.MoveTo(payment.AllocationKey is null ? PaymentStatus.Unfunded : PaymentStatus.Funded, now);
            payment.FailureReason = null;
            db.Add(new PaymentAction { PaymentKey = payment.Key, Action = "release", By = hold.ReleasedBy, Reason = reason!, At = now });
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new HoldView(Contracts.Shared.PersonalData.MaskIdNumber(id), hold.Department, hold.ReportedAt, hold.ReleasedAt, hold.ReleasedBy, hold.ReleaseReason, payments.Count));
    }
}
