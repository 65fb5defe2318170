using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>
/// The bank could not pay a recipient's account (issue 18): the township gets a work item to have the
/// household's account corrected, due within the policy's days; one open item per recipient.
/// </summary>
public sealed class AccountNeedsCorrectionConsumer(EligibilityDbContext db, TimeProvider clock, ILogger<AccountNeedsCorrectionConsumer> logger)
    : IdempotentConsumer<PayeeAccountNeedsCorrection, EligibilityDbContext>(db, logger)
{
    protected override async Task HandleAsync(PayeeAccountNeedsCorrection message, ConsumeContext<PayeeAccountNeedsCorrection> context)
    {
        var ct = context.CancellationToken;
        var recipients = await (from r in Db.Recipients.AsNoTracking()
                                where r.HeadIdNumber == message.PayeeIdNumber && r.Status != RecipientStatus.Exited
                                join d in Db.Set<Determination>().AsNoTracking() on r.ApplicationId equals d.ApplicationId into cases
                                from d in cases.DefaultIfEmpty()
                                select new { r.RecipientId, r.County, Township = d == null ? null : d.Township }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var days = (int)(await Db.PolicyOnAsync(today, ct)).RequiredParameter(PolicyParameters.AccountCorrectionDays);
        foreach (var recipient in recipients)
        {
            if (!await Db.Set<WorkItem>().AnyAsync(w => w.SubjectId == recipient.RecipientId && w.Kind == WorkKind.CorrectAccount && w.DoneAt == null, ct))
            {
                WorkQueue.Open(Db, WorkKind.CorrectAccount, recipient.RecipientId, recipient.County, recipient.Township, today.AddDays(days), now);
            }
        }
    }
}

/// <summary>A corrected account was confirmed: the recipient's correction item is done.</summary>
public sealed class AccountCorrectedConsumer(EligibilityDbContext db, ILogger<AccountCorrectedConsumer> logger)
    : IdempotentConsumer<PayeeAccountCorrected, EligibilityDbContext>(db, logger)
{
    protected override async Task HandleAsync(PayeeAccountCorrected message, ConsumeContext<PayeeAccountCorrected> context)
    {
        var ids = await Db.Recipients.AsNoTracking().Where(r => r.HeadIdNumber == message.PayeeIdNumber).Select(r => r.RecipientId).ToListAsync(context.CancellationToken);
        foreach (var id in ids)
        {
            await WorkQueue.CloseAsync(Db, id, "payments", message.At, context.CancellationToken, WorkKind.CorrectAccount);
        }
    }
}
