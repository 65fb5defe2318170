using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Payments.Instructions;

public sealed record PaymentView(Guid PaymentId, string Reference, string Origin, string Purpose, string PayeeIdNumber, string PayeeName, string County,
    decimal Amount, DateOnly DueDate, Guid? ApplicationId, PaymentStatus Status, int Attempts, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PaymentView From(PaymentInstruction p, bool mask) => new(p.PaymentId, p.Reference, p.Origin, p.Purpose,
        mask ? PersonalData.MaskIdNumber(p.PayeeIdNumber) : p.PayeeIdNumber, mask ? PersonalData.MaskName(p.PayeeName) : p.PayeeName, p.County, p.Amount, p.DueDate, p.ApplicationId, p.Status, p.Attempts, p.FailureReason, p.CreatedAt, p.UpdatedAt);
}

/// <summary>Payments by person, reference, county, status and period.</summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments/payments").WithTags("Payments")
            .RequireCountyOf("paymentId", (http, id, ct) => http.RequestServices.GetRequiredService<PaymentsDbContext>().Payments
                .Where(p => p.PaymentId == id).Select(p => p.County).FirstOrDefaultAsync(ct));
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Payments by payee ID number, reference, county, status, purpose and due period; payee names and ID numbers masked");
        group.MapGet("/{paymentId:guid}", GetAsync).WithSummary("One payment");
        group.MapGet("/{paymentId:guid}/actions", ActionsAsync).WithSummary("Operators' actions on a payment, with who and why");
        group.MapPost("/{paymentId:guid}/reissue", ReissueAsync).WithIdempotency("payments-reissue")
            .WithSummary("Reissue a failed payment as a new attempt of the same payment (only failed ones), with corrected payee details if needed");
        group.MapPost("/{paymentId:guid}/cancel", CancelAsync).WithIdempotency("payments-payments-cancel").WithSummary("Cancel a payment before it is batched; its money returns to the allocation");
        return group;
    }

    internal static async Task<Results<Ok<PagedList<PaymentView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, PaymentsDbContext db, CancellationToken ct, string? idNumber = null, string? reference = null, string? county = null, string? status = null,
        string? purpose = null, Guid? applicationId = null, Guid? caseId = null, DateOnly? dueFrom = null, DateOnly? dueTo = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<PaymentStatus>("status", status);
        if (county is not null)
        {
            errors.County("county", county);
        }

        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var person = idNumber is null ? null : errors.IdNumber("idNumber", idNumber, today);
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Payments.AsNoTracking(), p => p.County);

        if (person is not null) query = query.Where(p => p.PayeeIdNumber == person);
        if (reference is not null) query = query.Where(p => p.Reference == reference);
        if (county is not null) query = query.Where(p => p.County == county);
        if (statusFilter is { } s) query = query.Where(p => p.Status == s);
        if (purpose is not null) query = query.Where(p => p.Purpose == purpose);
        if (applicationId is not null) query = query.Where(p => p.ApplicationId == applicationId);
        if (caseId is not null) query = query.Where(p => p.Reference.StartsWith($"temporary-assistance:{caseId}:"));
        if (dueFrom is not null) query = query.Where(p => p.DueDate >= dueFrom);
        if (dueTo is not null) query = query.Where(p => p.DueDate <= dueTo);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<PaymentView>([.. rows.Select(p => PaymentView.From(p, mask: true))], page, pageSize, total));
    }

    public sealed record OperatorAction(string? Reason, string? CorrectedPayeeName);

    internal static async Task<Results<Ok<PaymentView>, ValidationProblem, ProblemHttpResult>> ReissueAsync(
        Guid paymentId, OperatorAction request, HttpContext http, PaymentsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var by = Caller.Of(http).Actor.Name;
        var reason = errors.Text("reason", request.Reason, 500);
        var name = errors.PersonName("correctedPayeeName", request.CorrectedPayeeName, required: false);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var payment = await db.Payments.FirstOrDefaultAsync(p => p.PaymentId == paymentId, ct);
        if (payment is null)
        {
            return NotFound();
        }

        if (!payment.Reissue(name, clock.GetUtcNow()))
        {
            return ApiProblems.Conflict("not_failed", "只有支付失败或被退回的款项可以重新发放。", "Only a failed or returned payment is reissued.");
        }

        db.Add(new PaymentAction { PaymentKey = payment.Key, Action = "reissue", By = by!, Reason = reason!, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PaymentView.From(payment, mask: false));
    }

    internal static async Task<Results<Ok<PaymentView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid paymentId, OperatorAction request, HttpContext http, PaymentsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var by = Caller.Of(http).Actor.Name;
        var reason = errors.Text("reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSql($"SELECT *, xmin FROM payments WHERE payment_id = {paymentId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (payment is null)
        {
            return NotFound();
        }

        if (!PaymentLifecycle.CanMove(payment.Status, PaymentStatus.Cancelled))
        {
            return ApiProblems.Conflict("not_cancellable", "已进入批次或已提交银行的款项不能取消。", "A payment already batched or submitted cannot be cancelled.");
        }

        if (payment.Status is PaymentStatus.Funded or PaymentStatus.Held && payment.AllocationKey is { } allocation)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE allocations SET balance = balance + {payment.Amount} WHERE key = {allocation}", ct);
        }

        payment.MoveTo(PaymentStatus.Cancelled, clock.GetUtcNow());
        payment.FailureReason = $"cancelled by {by}: {reason}";
        db.Add(new PaymentAction { PaymentKey = payment.Key, Action = "cancel", By = by!, Reason = reason!, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(PaymentView.From(payment, mask: false));
    }

    public sealed record ActionView(string Action, string By, string Reason, DateTimeOffset At);

    internal static async Task<Results<Ok<List<ActionView>>, ProblemHttpResult>> ActionsAsync(Guid paymentId, PaymentsDbContext db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.PaymentId == paymentId, ct);
        if (payment is null)
        {
            return NotFound();
        }

        var actions = await db.Set<PaymentAction>().AsNoTracking().Where(a => a.PaymentKey == payment.Key).OrderBy(a => a.Key).ToListAsync(ct);
        return TypedResults.Ok(actions.Select(a => new ActionView(a.Action, a.By, a.Reason, a.At)).ToList());
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("payment_not_found", "未找到该笔支付。", "No payment has this id.");

    internal static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> GetAsync(Guid paymentId, PaymentsDbContext db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.PaymentId == paymentId, ct);
        return payment is null ? NotFound() : TypedResults.Ok(PaymentView.From(payment, mask: false));
    }
}
