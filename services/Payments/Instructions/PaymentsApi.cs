using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Payments.Instructions;

public sealed record PaymentView(Guid PaymentId, string Reference, string Origin, string Purpose, string PayeeIdNumber, string PayeeName, string County,
    decimal Amount, DateOnly DueDate, Guid? ApplicationId, PaymentStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PaymentView From(PaymentInstruction p, bool mask) => new(p.PaymentId, p.Reference, p.Origin, p.Purpose,
        mask ? PersonalData.MaskIdNumber(p.PayeeIdNumber) : p.PayeeIdNumber, p.PayeeName, p.County, p.Amount, p.DueDate, p.ApplicationId, p.Status, p.Attempts, p.CreatedAt, p.UpdatedAt);
}

/// <summary>Payments by person, reference, county, status and period.</summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments/payments").WithTags("Payments");
        group.MapGet("/", ListAsync).WithSummary("Payments by payee ID number, reference, county, status, purpose and due period; ID numbers masked");
        group.MapGet("/{paymentId:guid}", GetAsync).WithSummary("One payment");
        return group;
    }

    internal static async Task<Results<Ok<object>, ValidationProblem>> ListAsync(
        PaymentsDbContext db, CancellationToken ct, string? idNumber = null, string? reference = null, string? county = null, string? status = null,
        string? purpose = null, Guid? applicationId = null, DateOnly? dueFrom = null, DateOnly? dueTo = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<PaymentStatus>("status", status);
        if (county is not null)
        {
            errors.County("county", county);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var person = idNumber is null ? null : errors.IdNumber("idNumber", idNumber, today);
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var query = db.Payments.AsNoTracking();
        if (person is not null) query = query.Where(p => p.PayeeIdNumber == person);
        if (reference is not null) query = query.Where(p => p.Reference == reference);
        if (county is not null) query = query.Where(p => p.County == county);
        if (statusFilter is { } s) query = query.Where(p => p.Status == s);
        if (purpose is not null) query = query.Where(p => p.Purpose == purpose);
        if (applicationId is not null) query = query.Where(p => p.ApplicationId == applicationId);
        if (dueFrom is not null) query = query.Where(p => p.DueDate >= dueFrom);
        if (dueTo is not null) query = query.Where(p => p.DueDate <= dueTo);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.Key).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok<object>(new { items = rows.Select(p => PaymentView.From(p, mask: true)), page, pageSize, total });
    }

    internal static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> GetAsync(Guid paymentId, PaymentsDbContext db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.PaymentId == paymentId, ct);
        return payment is null ? ApiProblems.NotFound("payment_not_found", "未找到该笔支付。", "No payment has this id.") : TypedResults.Ok(PaymentView.From(payment, mask: false));
    }
}
