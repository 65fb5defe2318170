using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Oversight.Supervision;

/// <summary>Raises flags once per rule and subject: a rule that sees the same thing again changes nothing.</summary>
public static class FlagBook
{
    public static async Task<int> RaiseAsync(OversightDbContext db, IEnumerable<FlagDraft> drafts, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(drafts);
        var raised = 0;
        foreach (var flag in drafts.Select(d => Flag.Raise(d, now)))
        {
            raised += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO flags (flag_id, rule, county, subject_key, summary_zh, summary_en, evidence, raised_at, status)
                VALUES ({flag.FlagId}, {flag.Rule}, {flag.County}, {flag.SubjectKey}, {flag.SummaryZh}, {flag.SummaryEn}, {flag.Evidence}::jsonb, {now}, 'Raised')
                ON CONFLICT (rule, subject_key) DO NOTHING
                """, ct);
        }

        return raised;
    }

    /// <summary>Whether a flag of the draft's rule and subject is already raised (whatever became of it since).</summary>
    public static Task<bool> IsRaisedAsync(OversightDbContext db, FlagDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        return db.Flags.AnyAsync(f => f.Rule == draft.Rule && f.SubjectKey == draft.SubjectKey, ct);
    }

    /// <summary>
    /// Serialises, until the transaction ends, the consumers looking at the same people or phone: two
    /// households with one phone consumed at once would each miss the other's uncommitted row. Keys are
    /// taken in one order (<see cref="TransactionLocks"/>), so two consumers never deadlock on each other.
    /// </summary>
    public static Task LockAsync(OversightDbContext db, IEnumerable<string> keys, CancellationToken ct) =>
        TransactionLocks.LockAsync(db, keys, space: 19, ct);
}

/// <summary>An application's household: one phone on unrelated households, a staff member's declared relative applying (R20).</summary>
/// <remarks>
/// One application per household in a surge, off the payment path: taken in batches (issue 22). Every phone of a batch is
/// locked at once, in order, so two batches never wait for each other in a circle; then each application is looked at
/// in its order on the queue, seeing those before it, as one at a time would.
/// </remarks>
public sealed class ApplicationSubmittedSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<ApplicationSubmittedSupervisionConsumer> logger)
    : IdempotentBatchConsumer<ApplicationSubmitted, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<ApplicationSubmitted>> messages, CancellationToken ct)
    {
        var households = messages.Select(m => (Message: m.Message, Household: HouseholdOf(m.Message))).ToList();
        await FlagBook.LockAsync(Db, households.Select(h => h.Household.Phone).OfType<string>().Select(phone => $"phone:{phone}"), ct);
        var members = households.SelectMany(h => h.Household.Members).Distinct(StringComparer.Ordinal).ToArray();
        var relatives = (await Db.StaffRelatives.AsNoTracking().Where(r => members.Contains(r.RelativeIdNumber)).ToListAsync(ct))
            .Select(r => new DeclaredRelative(r.StaffId, r.StaffName, r.StaffUnit, r.RelativeIdNumber, r.Relation)).ToList();
        var drafts = new List<FlagDraft>();
        foreach (var (message, household) in households)
        {
            await Db.Database.ExecuteSqlAsync($"""
                INSERT INTO seen_households (application_id, county, phone, members, submitted_at, channel, scheme)
                VALUES ({household.ApplicationId}, {household.County}, {household.Phone}, {household.Members.ToArray()}, {message.SubmittedAt}, {WireName.Of(message.Channel)}, {WireName.Of(message.Scheme)})
                ON CONFLICT (application_id) DO NOTHING
                """, ct);
            var samePhone = household.Phone is not { } phone
                ? []
                : await Db.SeenHouseholds.AsNoTracking().Where(h => h.Phone == phone && h.ApplicationId != household.ApplicationId)
                    .OrderByDescending(h => h.SubmittedAt).Take(50).ToListAsync(ct);
            drafts.AddRange(SupervisionRules.RelativeApplicationOf(household, relatives));
            if (SupervisionRules.SharedPhoneOf(household, [.. samePhone.Select(h => new Household(h.ApplicationId, h.County, h.Phone, h.Members))]) is { } shared)
            {
                drafts.Add(shared);
            }
        }

        // Raised in the order found: of two drafts for one phone, the first (the earlier application's) is the flag.
        await FlagBook.RaiseAsync(Db, drafts, clock.GetUtcNow(), ct);
    }

    private static Household HouseholdOf(ApplicationSubmitted message) => new(message.ApplicationId, message.ResidenceCounty,
        string.IsNullOrWhiteSpace(message.ApplicantPhone) ? null : message.ApplicantPhone.Trim(),
        message.Members.Select(m => m.IdNumber).Prepend(message.ApplicantIdNumber).Distinct(StringComparer.Ordinal).ToArray());
}

/// <summary>A household joins a roster: is anybody of it on another active roster, or reported deceased?</summary>
public sealed class RecipientEnrolledSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<RecipientEnrolledSupervisionConsumer> logger)
    : IdempotentConsumer<RecipientEnrolled, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(RecipientEnrolled message, ConsumeContext<RecipientEnrolled> context)
    {
        var ct = context.CancellationToken;
        var members = message.MemberIdNumbers.Prepend(message.HeadIdNumber).Distinct(StringComparer.Ordinal).ToArray();
        await FlagBook.LockAsync(Db, members.Select(m => $"person:{m}"), ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO roster_entries (recipient_id, category, county, township, village, head_id_number, head_name, monthly_amount, members, start_date)
            VALUES ({message.RecipientId}, {message.Category}, {message.County}, {message.Township}, {message.Village}, {message.HeadIdNumber}, {message.HeadName},
                    {message.MonthlyAmount}, {members}, {message.StartDate})
            ON CONFLICT (recipient_id) DO UPDATE SET category = excluded.category, county = excluded.county, township = excluded.township, village = excluded.village,
                head_id_number = excluded.head_id_number, head_name = excluded.head_name, monthly_amount = excluded.monthly_amount, members = excluded.members, exit_date = NULL
            """, ct);
        var others = await Db.RosterEntries.FromSql($"SELECT * FROM roster_entries WHERE exit_date IS NULL AND members && {members} AND recipient_id <> {message.RecipientId}")
            .AsNoTracking().ToListAsync(ct);
        var deceased = await Db.DeceasedPersons.AsNoTracking().Where(d => members.Contains(d.IdNumber)).ToDictionaryAsync(d => d.IdNumber, d => d.ReportedAt, ct);
        var imprisoned = await Db.ImprisonedPersons.AsNoTracking().Where(d => members.Contains(d.IdNumber)).ToDictionaryAsync(d => d.IdNumber, d => d.ReportedAt, ct);
        var joining = new RosterHousehold(message.RecipientId, message.Category, message.County, members);
        var drafts = SupervisionRules.TwoRostersOf(joining, [.. others.Select(o => new RosterHousehold(o.RecipientId, o.Category, o.County, o.Members))])
            .Concat(SupervisionRules.DeceasedOnRosterOf(deceased, [joining]))
            .Concat(SupervisionRules.ImprisonedOnRosterOf(imprisoned, [joining]));
        await FlagBook.RaiseAsync(Db, drafts, clock.GetUtcNow(), ct);
    }
}

public sealed class RecipientExitedSupervisionConsumer(OversightDbContext db, ILogger<RecipientExitedSupervisionConsumer> logger)
    : IdempotentConsumer<RecipientExited, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(RecipientExited message, ConsumeContext<RecipientExited> context) =>
        Db.Database.ExecuteSqlAsync($"UPDATE roster_entries SET exit_date = {message.ExitDate} WHERE recipient_id = {message.RecipientId}", context.CancellationToken);
}

/// <summary>People a department reported deceased: anybody of them still on an active roster is a flag.</summary>
public sealed class PersonsReportedDeceasedSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<PersonsReportedDeceasedSupervisionConsumer> logger)
    : IdempotentConsumer<PersonsReportedDeceased, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(PersonsReportedDeceased message, ConsumeContext<PersonsReportedDeceased> context)
    {
        var ct = context.CancellationToken;
        var ids = message.IdNumbers.Distinct(StringComparer.Ordinal).ToArray();
        await FlagBook.LockAsync(Db, ids.Select(m => $"person:{m}"), ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO deceased_persons (id_number, department, reported_at)
            SELECT id, {message.Department}, {message.ReportedAt} FROM unnest({ids}) AS id
            ON CONFLICT (id_number) DO NOTHING
            """, ct);
        var active = await Db.RosterEntries.FromSql($"SELECT * FROM roster_entries WHERE exit_date IS NULL AND members && {ids}").AsNoTracking().ToListAsync(ct);
        var deceased = await Db.DeceasedPersons.AsNoTracking().Where(d => ids.Contains(d.IdNumber)).ToDictionaryAsync(d => d.IdNumber, d => d.ReportedAt, ct);
        await FlagBook.RaiseAsync(Db, SupervisionRules.DeceasedOnRosterOf(deceased, [.. active.Select(o => new RosterHousehold(o.RecipientId, o.Category, o.County, o.Members))]),
            clock.GetUtcNow(), ct);
    }
}

/// <summary>People a department reported in prison: anybody of them still counted on an active roster is a flag.</summary>
public sealed class PersonsReportedImprisonedSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<PersonsReportedImprisonedSupervisionConsumer> logger)
    : IdempotentConsumer<PersonsReportedImprisoned, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(PersonsReportedImprisoned message, ConsumeContext<PersonsReportedImprisoned> context)
    {
        var ct = context.CancellationToken;
        var ids = message.IdNumbers.Distinct(StringComparer.Ordinal).ToArray();
        await FlagBook.LockAsync(Db, ids.Select(m => $"person:{m}"), ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO imprisoned_persons (id_number, department, reported_at)
            SELECT id, {message.Department}, {message.ReportedAt} FROM unnest({ids}) AS id
            ON CONFLICT (id_number) DO UPDATE SET reported_at = excluded.reported_at
            """, ct);
        var active = await Db.RosterEntries.FromSql($"SELECT * FROM roster_entries WHERE exit_date IS NULL AND members && {ids}").AsNoTracking().ToListAsync(ct);
        var reported = ids.ToDictionary(id => id, _ => message.ReportedAt, StringComparer.Ordinal);
        await FlagBook.RaiseAsync(Db, SupervisionRules.ImprisonedOnRosterOf(reported, [.. active.Select(o => new RosterHousehold(o.RecipientId, o.Category, o.County, o.Members))]),
            clock.GetUtcNow(), ct);
    }
}

/// <summary>Eligibility found roster households with assets above the limits in a department's feed: each is a flag, once.</summary>
public sealed class RosterAssetsReportedSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<RosterAssetsReportedSupervisionConsumer> logger)
    : IdempotentConsumer<RosterAssetsReported, OversightDbContext>(db, logger)
{
    protected override Task HandleAsync(RosterAssetsReported message, ConsumeContext<RosterAssetsReported> context) =>
        FlagBook.RaiseAsync(Db, message.Items.Select(i => SupervisionRules.AssetsAboveLimitOf(i.RecipientId, i.County, i.Category, i.Kind, i.IdNumber, i.Amount, i.Limit, i.Count, message.Department)),
            clock.GetUtcNow(), context.CancellationToken);
}

/// <summary>
/// Money the bank settled to a payee reported deceased before it was paid (to recover), or to an account changed
/// shortly before (to confirm). Taken in batches (issue 22): a campaign's settled events are thousands, and nearly
/// all of them find nothing; a batch asks once for all their payees.
/// </summary>
public sealed class PaymentsSettledSupervisionConsumer(OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock, ILogger<PaymentsSettledSupervisionConsumer> logger)
    : IdempotentBatchConsumer<PaymentsSettled, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<PaymentsSettled>> messages, CancellationToken ct)
    {
        var payees = messages.SelectMany(m => m.Message.Payments).Select(p => p.PayeeIdNumber).Distinct(StringComparer.Ordinal).ToArray();
        // Nearly always both empty: two indexed lookups per batch.
        var deceased = await Db.DeceasedPersons.AsNoTracking().Where(d => payees.Contains(d.IdNumber)).ToDictionaryAsync(d => d.IdNumber, d => d.ReportedAt, ct);
        var changed = await Db.SeenAccounts.AsNoTracking().Where(a => a.Replaced && payees.Contains(a.PayeeIdNumber)).ToDictionaryAsync(a => a.PayeeIdNumber, a => a.ChangedAt, ct);
        if (deceased.Count == 0 && changed.Count == 0)
        {
            return;
        }

        var drafts = messages.Select(m => m.Message).SelectMany(message =>
        {
            var within = options.Value.RecentAccountChangeOn(ChinaTime.DateOf(message.SettledAt));
            return message.Payments.SelectMany(p => new[]
            {
                SupervisionRules.DeceasedPaidOf(p.PaymentId, p.EntitlementReference, p.County, p.PayeeIdNumber, p.Amount, p.SettledAt,
                    deceased.TryGetValue(p.PayeeIdNumber, out var reported) ? reported : null),
                SupervisionRules.RecentAccountChangeOf(p.PaymentId, p.County, p.PayeeIdNumber, p.Amount, p.SettledAt,
                    changed.TryGetValue(p.PayeeIdNumber, out var at) ? at : null, replaced: true, within),
            });
        }).OfType<FlagDraft>();
        await FlagBook.RaiseAsync(Db, drafts, clock.GetUtcNow(), ct);
    }
}

/// <summary>A payee's account took effect: the same account on a payee of an unrelated household is a flag.</summary>
public sealed class PayeeAccountChangedSupervisionConsumer(OversightDbContext db, TimeProvider clock, ILogger<PayeeAccountChangedSupervisionConsumer> logger)
    : IdempotentConsumer<PayeeAccountChanged, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(PayeeAccountChanged message, ConsumeContext<PayeeAccountChanged> context)
    {
        var ct = context.CancellationToken;
        await FlagBook.LockAsync(Db, [$"account:{message.AccountHash}"], ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO seen_accounts (payee_id_number, county, account_hash, replaced, changed_at)
            VALUES ({message.PayeeIdNumber}, {message.County}, {message.AccountHash}, {message.Replaced}, {message.ChangedAt})
            ON CONFLICT (payee_id_number) DO UPDATE SET county = excluded.county, account_hash = excluded.account_hash, replaced = excluded.replaced, changed_at = excluded.changed_at
            WHERE seen_accounts.changed_at < excluded.changed_at
            """, ct);
        var others = await Db.SeenAccounts.AsNoTracking().Where(a => a.AccountHash == message.AccountHash && a.PayeeIdNumber != message.PayeeIdNumber)
            .Select(a => new { a.PayeeIdNumber, a.County }).ToListAsync(ct);
        if (others.Count == 0)
        {
            return;
        }

        // The payee's relatives: everybody in a household (declared or on a roster) with them.
        var payee = new[] { message.PayeeIdNumber };
        var related = (await Db.SeenHouseholds.FromSql($"SELECT * FROM seen_households WHERE members @> {payee}").AsNoTracking().Select(h => h.Members).ToListAsync(ct))
            .Concat(await Db.RosterEntries.FromSql($"SELECT * FROM roster_entries WHERE members @> {payee}").AsNoTracking().Select(r => r.Members).ToListAsync(ct))
            .SelectMany(m => m).ToHashSet(StringComparer.Ordinal);
        if (SupervisionRules.SharedAccountOf(message.PayeeIdNumber, message.County, message.AccountHash, [.. others.Select(o => (o.PayeeIdNumber, o.County))], related) is { } flag)
        {
            await FlagBook.RaiseAsync(Db, [flag], clock.GetUtcNow(), ct);
        }
    }
}

/// <summary>A temporary grant's stage: the case is remembered (stages summed); too many cases for one payee or by one approver, or an amount above the range without a case-by-case decision, is a flag.</summary>
public sealed class GrantApprovedSupervisionConsumer(OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock, ILogger<GrantApprovedSupervisionConsumer> logger)
    : IdempotentConsumer<GrantApproved, OversightDbContext>(db, logger)
{
    protected override async Task HandleAsync(GrantApproved message, ConsumeContext<GrantApproved> context)
    {
        var ct = context.CancellationToken;
        await FlagBook.LockAsync(Db, [$"payee:{message.PayeeIdNumber}"], ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO seen_grants (case_id, payee_id_number, payee_name, county, township, amount, granted_amount, range_maximum, case_by_case, approved_by_id, approved_by, approved_at)
            VALUES ({message.CaseId}, {message.PayeeIdNumber}, {message.PayeeName}, {message.County}, {message.Township}, {message.Amount}, {message.GrantedAmount},
                    {message.RangeMaximum}, {message.CaseByCase}, {message.ApprovedById}, {message.ApprovedBy}, {message.ApprovedAt})
            ON CONFLICT (case_id) DO UPDATE SET amount = seen_grants.amount + excluded.amount
            """, ct);
        var settings = options.Value;
        var day = ChinaTime.DateOf(message.ApprovedAt);
        var window = settings.GrantWindowOn(day);
        var (since, until) = (message.ApprovedAt.AddDays(-window), message.ApprovedAt.AddDays(window));
        var grants = await Db.SeenGrants.AsNoTracking().Where(g => g.PayeeIdNumber == message.PayeeIdNumber && g.ApprovedAt > since && g.ApprovedAt < until)
            .Select(g => new { g.CaseId, g.Amount, g.ApprovedAt }).ToListAsync(ct);
        var fullest = SupervisionRules.FullestWindowOf([.. grants.Select(g => (g.CaseId, g.Amount, g.ApprovedAt))], message.ApprovedAt, window);
        var drafts = new List<FlagDraft?>
        {
            SupervisionRules.GrantFrequencyOf(message.PayeeIdNumber, message.County, fullest, settings.GrantsLimitOn(day), window),
            SupervisionRules.GrantAboveRangeOf(message.CaseId, message.County, message.GrantedAmount, message.RangeMaximum, message.CaseByCase),
        };
        if (message.ApprovedById is { } approver)
        {
            var approverWindow = settings.ApproverWindowOn(day);
            var limit = settings.ApproverLimitOn(day);
            var approved = await ApprovedInWindowAsync(approver, message.ApprovedAt, approverWindow, limit + 1, ct);
            var inFull = false;
            if (approved.Count <= limit)
            {
                // Two of the approver's grants consumed at once would each miss the other's uncommitted row and could both
                // stay at the limit: below it, the approver's grants are counted one at a time (the lock is held until the
                // commit) and counted again. Above it the count only grows, so the flag is due whatever is in flight, and a
                // busy approver's grants no longer queue behind each other's commits (issue 22: 383 s of waiting in a minute
                // of one approver's grants). The payee's lock is taken first, always, so the two never deadlock.
                await FlagBook.LockAsync(Db, [$"approver:{approver}"], ct);
                approved = await ApprovedInWindowAsync(approver, message.ApprovedAt, approverWindow, limit + 1, ct);
                if (approved.Count <= limit && await FullestLaterWindowAsync(approver, message.ApprovedAt, approverWindow, ct) is { } later && later.Count > approved.Count)
                {
                    (approved, inFull) = (later, true);
                }
            }

            FlagDraft? Judge(ApprovedInWindow figures) =>
                SupervisionRules.ApproverFrequencyOf(approver, message.ApprovedBy ?? approver, message.County, figures, limit, approverWindow);
            var draft = Judge(approved);
            if (draft is not null && !inFull && approved.Count == limit + 1)
            {
                // Counted only to one past the limit (the window's first grant is exact: they are read from it): a flag of
                // this window raised already says it all; a new one gets the window's figures in full. Counting every grant
                // of a busy approver for every grant grew with their number (issue 22: 5.9 ms of PostgreSQL per grant when
                // one approver had signed 10,800).
                draft = await FlagBook.IsRaisedAsync(Db, draft, ct)
                    ? null
                    : Judge(await ApprovedInWindowAsync(approver, message.ApprovedAt, approverWindow, int.MaxValue, ct));
            }

            drafts.Add(draft);
        }

        await FlagBook.RaiseAsync(Db, drafts.OfType<FlagDraft>(), clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// One aggregate row of the approver's first <paramref name="upTo"/> grants in the window ending at
    /// <paramref name="approvedAt"/>, read from its start along the index on approver and time (a later stage naming
    /// another approver than the case's first is not theirs: the remembered row keeps the first). The columns are named
    /// in snake case, as the context maps the record's properties.
    /// </summary>
    private async Task<ApprovedInWindow> ApprovedInWindowAsync(string approver, DateTimeOffset approvedAt, int windowDays, int upTo, CancellationToken ct)
    {
        var since = approvedAt.AddDays(-windowDays);
        return await Db.Database.SqlQuery<ApprovedInWindow>($"""
            SELECT count(*)::int AS count, COALESCE(sum(w.amount), 0) AS total, COALESCE(min(w.approved_at), {approvedAt}) AS first
            FROM (
                SELECT s.amount, s.approved_at FROM seen_grants AS s
                WHERE s.approved_by_id = {approver} AND s.approved_at > {since} AND s.approved_at <= {approvedAt}
                ORDER BY s.approved_at
                LIMIT {upTo}) AS w
            """).SingleAsync(ct);
    }

    /// <summary>
    /// The fullest of the windows ending at the approver's later grants that hold this one (a later grant consumed first
    /// counted its window without this grant; <see cref="SupervisionRules.FullestWindowOf"/>). Asked only below the limit,
    /// where there are few; none when no later grant is remembered, as when grants are consumed in order. The columns are
    /// named in snake case, as the context maps the record's properties.
    /// </summary>
    private async Task<ApprovedInWindow?> FullestLaterWindowAsync(string approver, DateTimeOffset approvedAt, int windowDays, CancellationToken ct) =>
        await Db.Database.SqlQuery<ApprovedInWindow>($"""
            SELECT w.count, w.total, w.first
            FROM seen_grants AS g
            CROSS JOIN LATERAL (
                SELECT count(*)::int AS count, COALESCE(sum(s.amount), 0) AS total, min(s.approved_at) AS first
                FROM seen_grants AS s
                WHERE s.approved_by_id = g.approved_by_id AND s.approved_at > g.approved_at - make_interval(days => {windowDays}) AND s.approved_at <= g.approved_at) AS w
            WHERE g.approved_by_id = {approver} AND g.approved_at > {approvedAt} AND g.approved_at < {approvedAt} + make_interval(days => {windowDays})
            ORDER BY w.count DESC
            LIMIT 1
            """).SingleOrDefaultAsync(ct);
}
