using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Oversight.Supervision;

/// <summary>A household as an application declared it: who is in it, and the phone it gave.</summary>
public sealed record Household(Guid ApplicationId, string County, string? Phone, IReadOnlyList<string> Members);

/// <summary>A recipient on a roster (dibao, tekun) with its members.</summary>
public sealed record RosterHousehold(Guid RecipientId, string Category, string County, IReadOnlyList<string> Members);

/// <summary>A close relative a member of staff declared (the register "relationship dibao" is checked against).</summary>
public sealed record DeclaredRelative(string StaffId, string StaffName, string? StaffUnit, string RelativeIdNumber, string Relation);

/// <summary>What a rule found: the flag to raise, once per rule and subject, with its evidence (masked: the records it names are opened in their services).</summary>
public sealed record FlagDraft(string Rule, string County, string SubjectKey, string SummaryZh, string SummaryEn, IReadOnlyDictionary<string, object?> Evidence);

/// <summary>
/// The supervision rules (R20): each looks at what an event brings beside what oversight already saw and
/// says whether there is something to look into. They decide nothing about a family: a flag is a person's
/// work to investigate, confirm or dismiss with reasons.
/// </summary>
public static class SupervisionRules
{
    public const string SharedPhone = "shared-phone";
    public const string RelativeApplication = "relative-application";
    public const string TwoRosters = "two-rosters";
    public const string DeceasedOnRoster = "deceased-on-roster";
    public const string DeceasedPaid = "deceased-paid";
    public const string GrantFrequency = "grant-frequency";
    public const string ApproverFrequency = "approver-frequency";
    public const string GrantAboveRange = "grant-above-range";
    public const string SharedAccount = "shared-account";
    public const string RecentAccountChange = "recent-account-change";
    public const string ImprisonedOnRoster = "imprisoned-on-roster";
    public const string AssetsAboveLimit = "assets-above-limit";

    public static readonly IReadOnlyList<string> All =
    [
        SharedPhone, SharedAccount, RelativeApplication, TwoRosters, DeceasedOnRoster, ImprisonedOnRoster, DeceasedPaid, AssetsAboveLimit,
        GrantFrequency, ApproverFrequency, GrantAboveRange, RecentAccountChange,
    ];

    /// <summary>One phone on households that share nobody: one person may be applying for others (a false claim, or an agent).</summary>
    public static FlagDraft? SharedPhoneOf(Household applying, IReadOnlyList<Household> samePhone)
    {
        ArgumentNullException.ThrowIfNull(applying);
        ArgumentNullException.ThrowIfNull(samePhone);
        if (applying.Phone is null)
        {
            return null;
        }

        var unrelated = samePhone.Where(h => h.ApplicationId != applying.ApplicationId && h.Phone == applying.Phone && !h.Members.Intersect(applying.Members, StringComparer.Ordinal).Any())
            .ToList();
        if (unrelated.Count == 0)
        {
            return null;
        }

        return new FlagDraft(SharedPhone, applying.County, $"phone:{applying.Phone}",
            $"同一联系电话 {PersonalData.MaskPhone(applying.Phone)} 出现在 {unrelated.Count + 1} 个无共同成员的家庭的申请中。",
            $"The phone {PersonalData.MaskPhone(applying.Phone)} is on the applications of {unrelated.Count + 1} households that share no member.",
            new Dictionary<string, object?>
            {
                ["phone"] = PersonalData.MaskPhone(applying.Phone),
                ["applications"] = unrelated.Select(h => h.ApplicationId).Prepend(applying.ApplicationId).ToList(),
                ["counties"] = unrelated.Select(h => h.County).Prepend(applying.County).Distinct().ToList(),
            });
    }

    /// <summary>An application whose household includes a close relative a member of staff declared ("relationship dibao" to be checked: who handles it).</summary>
    public static IEnumerable<FlagDraft> RelativeApplicationOf(Household applying, IReadOnlyList<DeclaredRelative> declared)
    {
        ArgumentNullException.ThrowIfNull(applying);
        ArgumentNullException.ThrowIfNull(declared);
        return declared.Where(r => applying.Members.Contains(r.RelativeIdNumber, StringComparer.Ordinal))
            .Select(r => new FlagDraft(RelativeApplication, applying.County, $"application:{applying.ApplicationId}:staff:{r.StaffId}",
                $"申请家庭中有工作人员 {r.StaffName}（{r.StaffUnit}）备案的近亲属（{r.Relation}）：须回避并重点核查。",
                $"The applying household includes a close relative ({r.Relation}) declared by {r.StaffName} ({r.StaffUnit}): they must stand aside and the case be checked.",
                new Dictionary<string, object?>
                {
                    ["application"] = applying.ApplicationId,
                    ["relative"] = PersonalData.MaskIdNumber(r.RelativeIdNumber),
                    ["relation"] = r.Relation,
                    ["staff"] = r.StaffName,
                    ["staffUnit"] = r.StaffUnit,
                }));
    }

    /// <summary>One person on two rosters at once (dibao and tekun are exclusive; one household is on one county's roster).</summary>
    public static IEnumerable<FlagDraft> TwoRostersOf(RosterHousehold joining, IReadOnlyList<RosterHousehold> activeWithAMember)
    {
        ArgumentNullException.ThrowIfNull(joining);
        ArgumentNullException.ThrowIfNull(activeWithAMember);
        foreach (var other in activeWithAMember.Where(o => o.RecipientId != joining.RecipientId))
        {
            var shared = other.Members.Intersect(joining.Members, StringComparer.Ordinal).ToList();
            if (shared.Count == 0)
            {
                continue;
            }

            var pair = string.CompareOrdinal(joining.RecipientId.ToString(), other.RecipientId.ToString()) < 0 ? $"{joining.RecipientId}:{other.RecipientId}" : $"{other.RecipientId}:{joining.RecipientId}";
            yield return new FlagDraft(TwoRosters, joining.County, $"recipients:{pair}",
                $"{shared.Count} 人同时在两个救助名册上（{other.Category} {other.County}、{joining.Category} {joining.County}）。",
                $"{shared.Count} person(s) on two rosters at once ({other.Category} {other.County}, {joining.Category} {joining.County}).",
                new Dictionary<string, object?>
                {
                    ["persons"] = shared.Select(PersonalData.MaskIdNumber).ToList(),
                    ["recipients"] = new[] { other.RecipientId, joining.RecipientId },
                    ["categories"] = new[] { other.Category, joining.Category },
                    ["counties"] = new[] { other.County, joining.County },
                });
        }
    }

    /// <summary>A person a department reported deceased who is still on an active roster.</summary>
    public static IEnumerable<FlagDraft> DeceasedOnRosterOf(IReadOnlyDictionary<string, DateTimeOffset> deceased, IReadOnlyList<RosterHousehold> active) =>
        ReportedOnRoster(DeceasedOnRoster, "已被报送死亡", "reported deceased", deceased, active);

    /// <summary>A person a department reported serving a prison sentence who is still counted on an active roster (a prisoner is not a household member for dibao).</summary>
    public static IEnumerable<FlagDraft> ImprisonedOnRosterOf(IReadOnlyDictionary<string, DateTimeOffset> imprisoned, IReadOnlyList<RosterHousehold> active) =>
        ReportedOnRoster(ImprisonedOnRoster, "已被报送正在服刑", "reported in prison", imprisoned, active);

    private static IEnumerable<FlagDraft> ReportedOnRoster(string rule, string whatZh, string whatEn, IReadOnlyDictionary<string, DateTimeOffset> reported, IReadOnlyList<RosterHousehold> active)
    {
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(active);
        foreach (var household in active)
        {
            foreach (var member in household.Members.Where(reported.ContainsKey))
            {
                yield return new FlagDraft(rule, household.County, $"recipient:{household.RecipientId}:person:{member}",
                    $"名册上的 {PersonalData.MaskIdNumber(member)} {whatZh}，仍在{household.Category}名册上。",
                    $"{PersonalData.MaskIdNumber(member)}, {whatEn}, is still on the {household.Category} roster.",
                    new Dictionary<string, object?>
                    {
                        ["person"] = PersonalData.MaskIdNumber(member),
                        ["recipient"] = household.RecipientId,
                        ["category"] = household.Category,
                        ["reportedAt"] = reported[member],
                    });
            }
        }
    }

    /// <summary>
    /// A roster household with an asset above the limits (as eligibility's verification judges them, on the
    /// dated thresholds): once per household, kind and person, however often the department sends it again.
    /// </summary>
    public static FlagDraft AssetsAboveLimitOf(Guid recipientId, string county, string category, string kind, string? idNumber, decimal? amount, decimal? limit, int? count, string department)
    {
        var (zh, en) = kind switch
        {
            "vehicle" => ($"名下有价值 {amount:0.00} 元的车辆（限额 {limit:0.00} 元）", $"owns a vehicle worth {amount:0.00} yuan (limit {limit:0.00})"),
            "business" => ("登记有企业或个体工商户", "is registered as a business owner"),
            "properties" => ($"家庭名下有 {count} 套房产", $"the household owns {count} properties"),
            _ => ($"家庭存款 {amount:0.00} 元，超过 {limit:0.00} 元", $"the household holds {amount:0.00} yuan in deposits, above {limit:0.00}"),
        };
        var who = idNumber is null ? "" : PersonalData.MaskIdNumber(idNumber);
        return new FlagDraft(AssetsAboveLimit, county, $"recipient:{recipientId}:{kind}:{idNumber ?? "household"}",
            $"{category}对象{(who.Length == 0 ? "" : $" {who} ")}{zh}（{department}报送）：需核查是否仍符合条件。",
            $"A {category} recipient{(who.Length == 0 ? "" : $" ({who})")}: {en} (reported by {department}); check the household still qualifies.",
            new Dictionary<string, object?>
            {
                ["recipient"] = recipientId, ["category"] = category, ["kind"] = kind, ["person"] = idNumber is null ? null : who,
                ["amount"] = amount, ["limit"] = limit, ["count"] = count, ["department"] = department,
            });
    }

    /// <summary>A payment the bank settled to a payee reported deceased before it was paid.</summary>
    public static FlagDraft? DeceasedPaidOf(Guid paymentId, string reference, string county, string payeeIdNumber, decimal amount, DateTimeOffset settledAt, DateTimeOffset? reportedDeceasedAt) =>
        reportedDeceasedAt is { } reported && reported < settledAt
            ? new FlagDraft(DeceasedPaid, county, $"payment:{paymentId}",
                $"向已被报送死亡的 {PersonalData.MaskIdNumber(payeeIdNumber)} 发放了 {amount:0.00} 元（{reference}）：应追回。",
                $"{amount:0.00} yuan was paid to {PersonalData.MaskIdNumber(payeeIdNumber)}, reported deceased before ({reference}): to be recovered.",
                new Dictionary<string, object?>
                {
                    ["payment"] = paymentId,
                    ["reference"] = reference,
                    ["payee"] = PersonalData.MaskIdNumber(payeeIdNumber),
                    ["amount"] = amount,
                    ["reportedAt"] = reported,
                    ["settledAt"] = settledAt,
                })
            : null;

    /// <summary>
    /// The grants of the fullest window of <paramref name="windowDays"/> that holds the grant approved at <paramref name="at"/>:
    /// the window ending at it, or one ending at a later grant already remembered (consumers take one payee's or approver's
    /// grants concurrently, so a later grant can be counted first; the earlier one, consumed after it, must still complete
    /// the later one's window). <paramref name="grants"/> are those approved within the window before and after it.
    /// </summary>
    public static IReadOnlyList<(Guid CaseId, decimal Amount, DateTimeOffset ApprovedAt)> FullestWindowOf(
        IReadOnlyList<(Guid CaseId, decimal Amount, DateTimeOffset ApprovedAt)> grants, DateTimeOffset at, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(grants);
        IReadOnlyList<(Guid CaseId, decimal Amount, DateTimeOffset ApprovedAt)> WindowEndingAt(DateTimeOffset end) =>
            [.. grants.Where(g => g.ApprovedAt > end.AddDays(-windowDays) && g.ApprovedAt <= end)];
        return grants.Where(g => g.ApprovedAt > at && g.ApprovedAt < at.AddDays(windowDays)).Select(g => g.ApprovedAt)
            .Prepend(at)
            .Select(WindowEndingAt)
            .MaxBy(w => w.Count)!;
    }

    /// <summary>More temporary grants (cases) to one payee within the window than the limit in force: unusual frequency to be looked at.</summary>
    public static FlagDraft? GrantFrequencyOf(string payeeIdNumber, string county, IReadOnlyList<(Guid CaseId, decimal Amount, DateTimeOffset ApprovedAt)> grantsInWindow, int limit, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(grantsInWindow);
        if (grantsInWindow.Count <= limit)
        {
            return null;
        }

        var first = grantsInWindow.Min(g => g.ApprovedAt);
        return new FlagDraft(GrantFrequency, county, $"payee:{payeeIdNumber}:from:{ServiceDefaults.ChinaTime.DateOf(first):yyyy-MM-dd}",
            $"{PersonalData.MaskIdNumber(payeeIdNumber)} 在 {windowDays} 天内获得 {grantsInWindow.Count} 次临时救助，超过 {limit} 次。",
            $"{PersonalData.MaskIdNumber(payeeIdNumber)} received {grantsInWindow.Count} temporary grants within {windowDays} days, more than {limit}.",
            new Dictionary<string, object?>
            {
                ["payee"] = PersonalData.MaskIdNumber(payeeIdNumber),
                ["grants"] = grantsInWindow.OrderBy(g => g.ApprovedAt).Select(g => new { g.CaseId, g.Amount, g.ApprovedAt }).ToList(),
                ["total"] = grantsInWindow.Sum(g => g.Amount),
                ["limit"] = limit,
                ["windowDays"] = windowDays,
            });
    }

    /// <summary>
    /// More grants approved by one person within the window than the limit in force: an approver's unusual frequency.
    /// Takes the window's count, total and first approval (what the database sums), not the grants themselves: in a
    /// disaster one approver signs thousands, and reading them all for every grant made the check grow with the square.
    /// The window is the fullest one that holds the grant (see <see cref="FullestWindowOf"/>).
    /// </summary>
    public static FlagDraft? ApproverFrequencyOf(string approverId, string approverName, string county, ApprovedInWindow approved, int limit, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(approved);
        if (approved.Count <= limit)
        {
            return null;
        }

        return new FlagDraft(ApproverFrequency, county, $"approver:{approverId}:from:{ServiceDefaults.ChinaTime.DateOf(approved.First):yyyy-MM-dd}",
            $"{approverName} 在 {windowDays} 天内批准临时救助 {approved.Count} 件，超过 {limit} 件。",
            $"{approverName} approved {approved.Count} temporary grants within {windowDays} days, more than {limit}.",
            new Dictionary<string, object?>
            {
                ["approver"] = approverName,
                ["cases"] = approved.Count,
                ["total"] = approved.Total,
                ["limit"] = limit,
                ["windowDays"] = windowDays,
            });
    }

    /// <summary>A grant above the top of the policy range that was not decided case by case (R14 requires it).</summary>
    public static FlagDraft? GrantAboveRangeOf(Guid caseId, string county, decimal? granted, decimal? rangeMaximum, bool caseByCase) =>
        granted is { } amount && rangeMaximum is { } max && amount > max && !caseByCase
            ? new FlagDraft(GrantAboveRange, county, $"case:{caseId}",
                $"临时救助金额 {amount:0.00} 元超过政策上限 {max:0.00} 元，却未经一事一议。",
                $"A temporary grant of {amount:0.00} yuan is above the range's top ({max:0.00}) without a case-by-case decision.",
                new Dictionary<string, object?> { ["case"] = caseId, ["granted"] = amount, ["rangeMaximum"] = max })
            : null;

    /// <summary>One account (by its keyed hash) in effect for payees of households that share nobody: money of several families going to one person.</summary>
    public static FlagDraft? SharedAccountOf(string payeeIdNumber, string county, string accountHash, IReadOnlyList<(string PayeeIdNumber, string County)> othersWithTheAccount,
        IReadOnlySet<string> relatedToPayee)
    {
        ArgumentNullException.ThrowIfNull(othersWithTheAccount);
        ArgumentNullException.ThrowIfNull(relatedToPayee);
        var unrelated = othersWithTheAccount.Where(o => o.PayeeIdNumber != payeeIdNumber && !relatedToPayee.Contains(o.PayeeIdNumber)).ToList();
        if (unrelated.Count == 0)
        {
            return null;
        }

        return new FlagDraft(SharedAccount, county, $"account:{accountHash}",
            $"同一收款账户用于 {unrelated.Count + 1} 个无亲属关系的收款人。",
            $"One account receives the money of {unrelated.Count + 1} payees of unrelated households.",
            new Dictionary<string, object?>
            {
                ["payees"] = unrelated.Select(o => PersonalData.MaskIdNumber(o.PayeeIdNumber)).Prepend(PersonalData.MaskIdNumber(payeeIdNumber)).ToList(),
                ["counties"] = unrelated.Select(o => o.County).Prepend(county).Distinct().ToList(),
            });
    }

    /// <summary>A payment settled to an account that replaced another shortly before: the way money is diverted, to be confirmed with the family.</summary>
    public static FlagDraft? RecentAccountChangeOf(Guid paymentId, string county, string payeeIdNumber, decimal amount, DateTimeOffset settledAt, DateTimeOffset? accountChangedAt,
        bool replaced, int withinDays) =>
        accountChangedAt is { } changed && replaced && changed <= settledAt && settledAt - changed <= TimeSpan.FromDays(withinDays)
            ? new FlagDraft(RecentAccountChange, county, $"payee:{payeeIdNumber}:changed:{changed.ToUnixTimeSeconds()}",
                $"{PersonalData.MaskIdNumber(payeeIdNumber)} 的收款账户变更后 {withinDays} 天内即发放 {amount:0.00} 元，请与家庭核实。",
                $"{amount:0.00} yuan was paid to {PersonalData.MaskIdNumber(payeeIdNumber)} within {withinDays} days of an account change: confirm with the family.",
                new Dictionary<string, object?> { ["payment"] = paymentId, ["payee"] = PersonalData.MaskIdNumber(payeeIdNumber), ["changedAt"] = changed, ["settledAt"] = settledAt, ["amount"] = amount })
            : null;
}

/// <summary>One approver's grants within a window: how many, their total, the first one's time.</summary>
public sealed record ApprovedInWindow(int Count, decimal Total, DateTimeOffset First);
