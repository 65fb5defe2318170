using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Payments.Accounts;

public sealed record AccountRequest(string? HolderName, string? Kind, string? BankCode, string? AccountNumber, string? Reason);

public sealed record AccountView(Guid AccountId, string PayeeIdNumber, string HolderName, AccountKind Kind, string BankCode, string Bank, string Number, AccountStatus Status,
    string Reason, string ProposedBy, DateTimeOffset ProposedAt, string? ConfirmedBy, DateTimeOffset? ConfirmedAt)
{
    public static AccountView From(PayeeAccount a) => new(a.AccountId, PersonalData.MaskIdNumber(a.PayeeIdNumber), a.HolderName, a.Kind, a.BankCode,
        AccountRules.Banks.TryGetValue(a.BankCode, out var bank) ? bank.NameZh : a.BankCode, AccountRules.Mask(a.Last4), a.Status, a.Reason, a.ProposedBy, a.ProposedAt,
        a.ConfirmedBy, a.ConfirmedAt);
}

public sealed record PayeeAccountsView(AccountView? Active, AccountView? Pending, AccountView? NeedsCorrection);

public sealed record SharedAccount(string Number, string Bank, int Payees, IReadOnlyList<string> PayeeIdNumbers, IReadOnlyList<string> Counties);

/// <summary>
/// Payee accounts (issue 18): entered by a finance officer, validated for their bank, held only if the
/// holder is the payee, confirmed by a second person; shown masked (last four digits) everywhere.
/// </summary>
public static class PayeeAccountsApi
{
    public static RouteGroupBuilder MapPayeeAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments").WithTags("Payee accounts");
        group.MapGet("/payees/{idNumber}/account", GetAsync).CountyCheckedByHandler("the payee's county (from their payments)")
            .WithSummary("The payee's account in use and any change waiting for confirmation; numbers masked");
        group.MapPost("/payees/{idNumber}/account", ProposeAsync).CountyCheckedByHandler("the payee's county (from their payments)").WithIdempotency("payments-account-propose")
            .WithSummary("Enter a payee's account (social-benefit card or bank card): number checked for its bank (length, Luhn check digit), holder must be the payee; takes effect when a second person confirms");
        group.MapPost("/payees/{idNumber}/account/confirmation", ConfirmAsync).CountyCheckedByHandler("the payee's county (from their payments)").WithIdempotency("payments-account-confirm")
            .WithSummary("Confirm the waiting account change: by a person other than the one who entered it");
        group.MapGet("/accounts/shared", SharedAsync).CountyFiltered()
            .WithSummary("Accounts that are the active account of more than one payee (found by keyed hash; numbers and payees masked) (R20)");
        group.MapGet("/banks", () => TypedResults.Ok(AccountRules.Banks.Values.OrderBy(b => b.Code, StringComparer.Ordinal).ToList())).NotCountyData("the bank list")
            .WithSummary("The banks accounts may be held at, with their card lengths and check digits");
        return group;
    }

    internal static async Task<Results<Ok<PayeeAccountsView>, ProblemHttpResult>> GetAsync(string idNumber, HttpContext http, PaymentsDbContext db, CancellationToken ct)
    {
        if (await PayeeAsync(http, db, idNumber, ct) is not { } payee)
        {
            return PayeeNotFound();
        }

        if (payee.Refused is { } refused)
        {
            return refused;
        }

        var accounts = await db.Set<PayeeAccount>().AsNoTracking().Where(a => a.PayeeIdNumber == payee.IdNumber && a.Status != AccountStatus.Superseded).ToListAsync(ct);
        var active = accounts.FirstOrDefault(a => a.Status == AccountStatus.Active);
        var pending = accounts.FirstOrDefault(a => a.Status == AccountStatus.Pending);
        var broken = accounts.FirstOrDefault(a => a.Status == AccountStatus.NeedsCorrection);
        return TypedResults.Ok(new PayeeAccountsView(active is null ? null : AccountView.From(active), pending is null ? null : AccountView.From(pending),
            broken is null ? null : AccountView.From(broken)));
    }

    internal static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> ProposeAsync(
        string idNumber, AccountRequest request, HttpContext http, PaymentsDbContext db, AccountProtector protector, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var holder = errors.PersonName("holderName", request.HolderName);
        var kind = errors.Enum<AccountKind>("kind", request.Kind);
        Bank? bank = null;
        if (string.IsNullOrWhiteSpace(request.BankCode))
        {
            errors.Add("bankCode", "必填。", "Required.");
        }
        else if (!AccountRules.Banks.TryGetValue(request.BankCode.Trim().ToUpperInvariant(), out bank))
        {
            errors.Add("bankCode", $"不在银行名单中，可选：{string.Join(", ", AccountRules.Banks.Keys)}。", $"Not on the bank list; use one of: {string.Join(", ", AccountRules.Banks.Keys)}.");
        }

        var number = AccountRules.Number(errors, "accountNumber", request.AccountNumber, bank);
        var reason = errors.Text("reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (await PayeeAsync(http, db, idNumber, ct) is not { } payee)
        {
            return PayeeNotFound();
        }

        if (payee.Refused is { } refused)
        {
            return refused;
        }

        // The right person only: the account must be held by the payee the payments name.
        if (holder != payee.Name)
        {
            return ApiProblems.Unprocessable("holder_mismatch", "账户户名与收款人姓名不一致，不能登记。", "The account holder is not the payee: the account is not taken.",
                new Dictionary<string, object?> { ["field"] = "holderName" });
        }

        var now = clock.GetUtcNow();
        var actor = Caller.Of(http).Actor;
        var account = new PayeeAccount
        {
            AccountId = Guid.CreateVersion7(now), PayeeIdNumber = payee.IdNumber, HolderName = holder!, County = payee.County, Kind = kind!.Value, BankCode = bank!.Code,
            NumberCipher = protector.Encrypt(number!), NumberHash = protector.Hash(number!), Last4 = number![^4..], Status = AccountStatus.Pending, Reason = reason!,
            ProposedById = actor.Id, ProposedBy = actor.ToString(), ProposedAt = now,
        };
        db.Set<PayeeAccount>().Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(PayeeAccount.OnePendingIndex))
        {
            return ApiProblems.Conflict("change_pending", "该收款人已有一项待确认的账户变更。", "This payee already has an account change waiting for confirmation.");
        }

        return TypedResults.Created($"/api/payments/payees/{payee.IdNumber}/account", AccountView.From(account));
    }

    internal static async Task<Results<Ok<AccountView>, ProblemHttpResult>> ConfirmAsync(string idNumber, HttpContext http, PaymentsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await PayeeAsync(http, db, idNumber, ct) is not { } payee)
        {
            return PayeeNotFound();
        }

        if (payee.Refused is { } refused)
        {
            return refused;
        }

        var pending = await db.Set<PayeeAccount>().FirstOrDefaultAsync(a => a.PayeeIdNumber == payee.IdNumber && a.Status == AccountStatus.Pending, ct);
        if (pending is null)
        {
            return ApiProblems.Conflict("not_pending", "没有待确认的账户变更。", "No account change is waiting for confirmation.");
        }

        try
        {
            pending.Confirm(Caller.Of(http).Actor, clock.GetUtcNow());
        }
        catch (AccountException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, e.Status == 403 ? "无权办理 / Forbidden" : "冲突 / Conflict", e.Zh, e.Message);
        }

        // The account it replaces leaves the unique "active" slot, kept as superseded, before the new one takes it.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = pending.ConfirmedAt!.Value;
        var corrected = await db.Database.ExecuteSqlAsync($"UPDATE payee_accounts SET status = 'Superseded' WHERE payee_id_number = {payee.IdNumber} AND status = 'NeedsCorrection'", ct);
        var replaced = await db.Database.ExecuteSqlAsync($"UPDATE payee_accounts SET status = 'Superseded' WHERE payee_id_number = {payee.IdNumber} AND status = 'Active'", ct);
        db.AddToOutbox(new PayeeAccountChanged(payee.IdNumber, payee.County, pending.NumberHash, Replaced: replaced + corrected > 0, now));
        AuditTrail.Record(db, nameof(PayeeAccount), pending.AccountId.ToString(), "confirmed", pending.County, new { replaces = "the payee's previous account", by = pending.ConfirmedBy }, now);
        if (corrected > 0)
        {
            // The account was corrected: what the bank could not pay goes out again, to the new account.
            var failed = await db.Payments.Where(p => p.PayeeIdNumber == payee.IdNumber && (p.Status == PaymentStatus.Failed || p.Status == PaymentStatus.Returned)).ToListAsync(ct);
            foreach (var payment in failed.Where(p => p.Reissue(null, now)))
            {
                db.Add(new PaymentAction { PaymentKey = payment.Key, Action = "reissue", By = pending.ConfirmedBy!, Reason = "账户已更正，重新发放 / account corrected, paid again", At = now });
            }

            db.AddToOutbox(new PayeeAccountCorrected(payee.IdNumber, payee.County, failed.Count, now));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(AccountView.From(pending));
    }

    internal static async Task<Ok<List<SharedAccount>>> SharedAsync(HttpContext http, PaymentsDbContext db, CancellationToken ct)
    {
        // One active account per payee: a hash on more than one active row is one account paid to several payees.
        var hashes = await db.Set<PayeeAccount>().AsNoTracking().Where(a => a.Status == AccountStatus.Active)
            .GroupBy(a => a.NumberHash).Where(g => g.Count() > 1).Select(g => g.Key).Take(1_000).ToListAsync(ct);
        var rows = await db.Set<PayeeAccount>().AsNoTracking().Where(a => a.Status == AccountStatus.Active && hashes.Contains(a.NumberHash)).ToListAsync(ct);
        var caller = Caller.Of(http);
        return TypedResults.Ok(rows.GroupBy(a => a.NumberHash).Where(g => g.Any(a => caller.MayActFor(a.County)))
            .Select(g => new SharedAccount(AccountRules.Mask(g.First().Last4), g.First().BankCode, g.Count(),
                [.. g.Select(a => PersonalData.MaskIdNumber(a.PayeeIdNumber))], [.. g.Select(a => a.County).Distinct()])).ToList());
    }

    private sealed record Payee(string IdNumber, string Name, string County, ProblemHttpResult? Refused);

    /// <summary>The payee as the payments name them (their latest payment); null when no payment names them.</summary>
    private static async Task<Payee?> PayeeAsync(HttpContext http, PaymentsDbContext db, string idNumber, CancellationToken ct)
    {
        var id = idNumber.Trim().ToUpperInvariant();
        var latest = await db.Payments.AsNoTracking().Where(p => p.PayeeIdNumber == id).OrderByDescending(p => p.Key)
            .Select(p => new { p.PayeeName, p.County }).FirstOrDefaultAsync(ct);
        return latest is null ? null : new Payee(id, latest.PayeeName, latest.County, Caller.Of(http).Refuses(latest.County));
    }

    private static ProblemHttpResult PayeeNotFound() =>
        ApiProblems.NotFound("payee_not_found", "没有付给该身份证号码的款项，无需登记账户。", "No payment names this payee: there is nobody to hold an account for.");
}
