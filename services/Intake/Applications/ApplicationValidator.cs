using System.Text.RegularExpressions;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Intake.Applications;

/// <summary>An application that passed validation, in the contract's types.</summary>
public sealed record ValidatedApplication(
    Channel Channel,
    Scheme Scheme,
    TemporaryAssistanceKind? TemporaryAssistanceKind,
    string ApplicantIdNumber,
    string ApplicantName,
    string? ApplicantPhone,
    string HukouCounty,
    string ResidenceCounty,
    AreaType AreaType,
    IReadOnlyList<HouseholdMember> Members,
    Circumstances Circumstances,
    VerificationAuthorization Authorization,
    Guid? LeadId,
    string? ResidenceTownship = null,
    string? ResidenceVillage = null);

/// <summary>The outcome of validating an application: the application, field errors (400), or no authorization (422).</summary>
public sealed record ApplicationValidation(ValidatedApplication? Application, ValidationErrors Errors, bool AuthorizationMissing);

/// <summary>
/// Checks an application before anything is stored (R3): one ID (a valid identity number) + one
/// letter (the signed authorization), a household of 1–20 distinct people with sane incomes, known
/// counties and the enum values of the contract. Nothing else is demanded of the applicant.
/// </summary>
public static partial class ApplicationValidator
{
    public const int MaxMembers = 20;

    /// <summary>A monthly income above this is a typing error, not a person in need.</summary>
    public const decimal MaxMonthlyIncome = 1_000_000m;

    public static ApplicationValidation Validate(ApplicationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var today = ChinaTime.DateOf(now);

        var channel = errors.Enum<Channel>("channel", request.Channel);
        var scheme = errors.Enum<Scheme>("scheme", request.Scheme);
        TemporaryAssistanceKind? kind = null;
        if (scheme == Scheme.TemporaryAssistance)
        {
            kind = errors.Enum<TemporaryAssistanceKind>("temporaryAssistanceKind", request.TemporaryAssistanceKind);
        }
        else if (!string.IsNullOrWhiteSpace(request.TemporaryAssistanceKind) && scheme is not null)
        {
            errors.Add("temporaryAssistanceKind", "仅临时救助申请需填写救助类型。", "Only temporary-assistance applications take a kind.");
        }

        var hukou = errors.AnyCounty("hukouCounty", request.HukouCounty);
        var residence = errors.County("residenceCounty", request.ResidenceCounty);
        var township = residence is null ? null : errors.Township("residenceTownship", request.ResidenceTownship, residence);
        var village = errors.Village("residenceVillage", request.ResidenceVillage, township);
        var area = errors.Enum<AreaType>("areaType", request.AreaType);

        string? applicantId = null, applicantName = null, applicantPhone = null;
        if (request.Applicant is null)
        {
            errors.Add("applicant", "必填。", "Required.");
        }
        else
        {
            applicantId = errors.IdNumber("applicant.idNumber", request.Applicant.IdNumber, today);
            applicantName = errors.PersonName("applicant.name", request.Applicant.Name);
            applicantPhone = Phone(errors, "applicant.phone", request.Applicant.Phone);
        }

        var members = Members(errors, request.Members, today);
        if (applicantId is not null && members is not null)
        {
            var self = members.Where(m => m.Relation == Relation.Self).ToList();
            if (self.Count != 1 || self[0].IdNumber != applicantId)
            {
                errors.Add("members", "申请人须作为关系为 self 的成员列入家庭成员，且只能有一位。",
                    "The applicant must be listed once among the members, with relation 'self'.");
            }
        }

        var circumstances = Circumstances(errors, request.Circumstances);
        var authorizationMissing = request.Authorization is null;
        var authorization = authorizationMissing ? null : Authorization(errors, request.Authorization!, now);

        if (!errors.IsEmpty || authorizationMissing)
        {
            return new(null, errors, authorizationMissing);
        }

        return new(
            new ValidatedApplication(
                channel!.Value, scheme!.Value, kind, applicantId!, applicantName!, applicantPhone, hukou!, residence!, area!.Value,
                members!, circumstances!, authorization!, request.LeadId, township, village),
            errors,
            AuthorizationMissing: false);
    }

    private static string? Phone(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (!PhonePattern().IsMatch(trimmed))
        {
            errors.Add(field, "电话号码格式无效（手机 11 位或带区号的固定电话）。", "Not a valid phone number (11-digit mobile or landline with area code).");
            return null;
        }

        return trimmed;
    }

    private static List<HouseholdMember>? Members(ValidationErrors errors, List<MemberRequest>? requests, DateOnly today)
    {
        if (requests is null || requests.Count == 0)
        {
            errors.Add("members", "家庭成员至少 1 人。", "The household needs at least one member.");
            return null;
        }

        if (requests.Count > MaxMembers)
        {
            errors.Add("members", $"家庭成员不能超过 {MaxMembers} 人。", $"A household has at most {MaxMembers} members.");
            return null;
        }

        var members = new List<HouseholdMember>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < requests.Count; i++)
        {
            var prefix = $"members[{i}]";
            var m = requests[i];
            if (m is null)
            {
                errors.Add(prefix, "必填。", "Required.");
                valid = false;
                continue;
            }

            var id = errors.IdNumber($"{prefix}.idNumber", m.IdNumber, today);
            if (id is not null)
            {
                if (seen.TryGetValue(id, out var first))
                {
                    errors.Add($"{prefix}.idNumber", $"与 members[{first}] 为同一人：同一户内不能重复登记。", $"The same person as members[{first}]: nobody is listed twice in one household.");
                    id = null;
                }
                else
                {
                    seen[id] = i;
                }
            }

            var name = errors.PersonName($"{prefix}.name", m.Name);
            var relation = errors.Enum<Relation>($"{prefix}.relation", m.Relation);
            var employment = errors.Enum<EmploymentStatus>($"{prefix}.employmentStatus", m.EmploymentStatus);
            var graduate = errors.Enum<GraduateStatus>($"{prefix}.graduateStatus", m.GraduateStatus ?? "none");
            var workAbility = errors.Enum<WorkAbility>($"{prefix}.workAbility", m.WorkAbility ?? "full");

            string? workCounty = null;
            if (employment is EmploymentStatus.Employed or EmploymentStatus.Flexible)
            {
                workCounty = errors.County($"{prefix}.workCounty", m.WorkCounty);
            }
            else if (!string.IsNullOrWhiteSpace(m.WorkCounty))
            {
                workCounty = errors.County($"{prefix}.workCounty", m.WorkCounty);
            }

            var incomes = Incomes(errors, $"{prefix}.monthlyIncomes", m.MonthlyIncomes);

            if (id is null || name is null || relation is null || employment is null || graduate is null || workAbility is null || incomes is null
                || errors.Has($"{prefix}.workCounty"))
            {
                valid = false;
                continue;
            }

            members.Add(new HouseholdMember(
                id, name, relation.Value, incomes, employment.Value, workCounty,
                m.UnemploymentInsured ?? false, m.Disabled ?? false, m.Student ?? false, graduate.Value, workAbility.Value, m.HasLegalSupporter ?? false));
        }

        return valid ? members : null;
    }

    private static List<MonthlyIncome>? Incomes(ValidationErrors errors, string field, List<IncomeRequest>? requests)
    {
        var incomes = new List<MonthlyIncome>();
        if (requests is null)
        {
            return incomes; // no income declared is a valid (and common) answer
        }

        var valid = true;
        for (var i = 0; i < requests.Count; i++)
        {
            var income = requests[i];
            var prefix = $"{field}[{i}]";
            var source = errors.Enum<IncomeSource>($"{prefix}.source", income?.Source);
            var amount = income?.Amount;
            if (amount is null)
            {
                errors.Add($"{prefix}.amount", "必填。", "Required.");
            }
            else if (amount < 0)
            {
                errors.Add($"{prefix}.amount", "收入不能为负数。", "An income cannot be negative.");
                amount = null;
            }
            else if (amount > MaxMonthlyIncome)
            {
                errors.Add($"{prefix}.amount", $"月收入超过 {MaxMonthlyIncome:N0} 元，请核实。", $"A monthly income above CNY {MaxMonthlyIncome:N0} is not plausible; check it.");
                amount = null;
            }
            else if (decimal.Round(amount.Value, 2) != amount.Value)
            {
                errors.Add($"{prefix}.amount", "金额最多两位小数（到分）。", "Amounts have at most two decimals (fen).");
                amount = null;
            }

            if (source is null || amount is null)
            {
                valid = false;
                continue;
            }

            incomes.Add(new MonthlyIncome(source.Value, amount.Value));
        }

        return valid ? incomes : null;
    }

    private static Circumstances? Circumstances(ValidationErrors errors, CircumstancesRequest? request)
    {
        request ??= new CircumstancesRequest();
        var months = request.MonthsWithoutIncome ?? 0;
        if (months is < 0 or > 120)
        {
            errors.Add("circumstances.monthsWithoutIncome", "应在 0 到 120 之间。", "Must be between 0 and 120.");
            return null;
        }

        var description = errors.Text("circumstances.description", request.Description, 2000, required: false);
        if (errors.Has("circumstances.description"))
        {
            return null;
        }

        return new Circumstances(months, request.QuarantineOrIllnessInFamily ?? false, request.InRiskArea ?? false, request.Urgent ?? false, description);
    }

    private static VerificationAuthorization? Authorization(ValidationErrors errors, AuthorizationRequest request, DateTimeOffset now)
    {
        var signedBy = errors.PersonName("authorization.signedBy", request.SignedBy);
        var method = errors.Enum<AuthorizationMethod>("authorization.method", request.Method);
        var reference = errors.Text("authorization.reference", request.Reference, 200);
        if (request.SignedAt is null)
        {
            errors.Add("authorization.signedAt", "必填。", "Required.");
        }
        else if (request.SignedAt > now.AddMinutes(5) || request.SignedAt < now.AddYears(-1))
        {
            // Signed for this application: within the past year, never in the future (a year-1 date is a typing error).
            errors.Add("authorization.signedAt", "签署时间应在过去一年内，且不晚于当前时间。", "The signing time must be within the past year and not in the future.");
        }

        return signedBy is null || method is null || reference is null || errors.Has("authorization.signedAt")
            ? null
            : new VerificationAuthorization(signedBy, request.SignedAt!.Value, method.Value, reference);
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}
