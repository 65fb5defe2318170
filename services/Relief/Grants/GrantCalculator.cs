using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.Relief.Grants;

/// <summary>
/// What a caseworker asks for: a paying county, a multiplier or an amount; who proposes and who
/// approves are the token's actors (issue 16), compared by subject.
/// </summary>
public sealed record GrantProposal(string? PayingCounty, decimal? Multiplier, decimal? Amount, Actor ProposedBy, Actor? ApprovedBy, string? Reason);

/// <summary>A grant the rules allow, with the standard and multiplier that produced it.</summary>
public sealed record GrantDecision(string PayingCounty, decimal UrbanStandard, decimal Multiplier, decimal Amount, bool CaseByCase, Actor ApprovedBy);

public sealed record GrantRefusal(string Code, string Field, string MessageZh, string MessageEn, bool Unprocessable);

/// <summary>
/// The temporary grant (R4 R5 R9 R10 R13): multiplier × the paying county's urban dibao standard, the
/// multiplier within the policy range (default its lower bound). An amount above the range is a
/// case-by-case decision (R14): it needs a written reason and an approver other than the proposer.
/// Amounts are CNY rounded to the fen half away from zero.
/// </summary>
public static class GrantCalculator
{
    public static (GrantDecision? Decision, GrantRefusal? Refusal) Decide(TemporaryGrantBasis basis, GrantProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(proposal);

        var option = proposal.PayingCounty is null
            ? basis.PayingCounties.FirstOrDefault()
            : basis.PayingCounties.FirstOrDefault(c => c.County == proposal.PayingCounty);
        if (option is null)
        {
            var allowed = string.Join(", ", basis.PayingCounties.Select(c => c.County));
            return (null, new("paying_county_not_allowed", "payingCounty", $"该类救助只能由以下县区发放：{allowed}。", $"This kind of grant is paid by one of: {allowed}.", false));
        }

        var max = Fen(basis.MultiplierMax * option.UrbanStandard);
        if (proposal.Amount is { } amount)
        {
            if (amount <= 0 || decimal.Round(amount, 2) != amount)
            {
                return (null, new("invalid_amount", "amount", "金额应大于 0，最多两位小数。", "The amount is above 0 with at most two decimals.", false));
            }

            if (amount > max)
            {
                // R14: one matter, one decision, by the county coordination mechanism.
                if (string.IsNullOrWhiteSpace(proposal.Reason))
                {
                    return (null, new("case_by_case_reason_missing", "reason", $"超过 {basis.MultiplierMax} 倍标准（{max:0.00} 元）的金额须一事一议，并写明理由。",
                        $"An amount above {basis.MultiplierMax} × the standard (CNY {max:0.00}) is a case-by-case decision and needs a written reason (R14).", true));
                }

                // Four eyes on token subjects: the approver is another person (or system) than the proposer.
                if (proposal.ApprovedBy is null || proposal.ApprovedBy.Id == proposal.ProposedBy.Id)
                {
                    return (null, new("case_by_case_approver_missing", "approvedBy", "一事一议的金额须先由经办人提议，再由提议人以外的县级审批人批准。",
                        "A case-by-case amount is proposed first, then approved by a county approver other than the proposer (R14).", true));
                }

                return (new GrantDecision(option.County, option.UrbanStandard, Math.Round(amount / option.UrbanStandard, 4), amount, true, proposal.ApprovedBy), null);
            }

            var min = Fen(basis.MultiplierMin * option.UrbanStandard);
            if (amount < min)
            {
                return (null, new("amount_below_range", "amount", $"金额不能低于 {basis.MultiplierMin} 倍标准（{min:0.00} 元）。",
                    $"The amount cannot be below {basis.MultiplierMin} × the standard (CNY {min:0.00}).", false));
            }

            return (new GrantDecision(option.County, option.UrbanStandard, Math.Round(amount / option.UrbanStandard, 4), amount, false, proposal.ApprovedBy ?? proposal.ProposedBy), null);
        }

        var multiplier = proposal.Multiplier ?? basis.MultiplierMin;
        if (multiplier < basis.MultiplierMin || multiplier > basis.MultiplierMax)
        {
            return (null, new("multiplier_out_of_range", "multiplier", $"倍数应在 {basis.MultiplierMin}–{basis.MultiplierMax} 之间；更高金额请按一事一议填写 amount。",
                $"The multiplier is between {basis.MultiplierMin} and {basis.MultiplierMax}; for more, give an amount as a case-by-case decision (R14).", false));
        }

        return (new GrantDecision(option.County, option.UrbanStandard, multiplier, Fen(multiplier * option.UrbanStandard), false, proposal.ApprovedBy ?? proposal.ProposedBy), null);
    }

    public static decimal Fen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
