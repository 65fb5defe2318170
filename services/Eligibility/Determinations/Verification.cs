using System.Globalization;
using System.Text.Json.Serialization;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Monitoring;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility.Determinations;

[JsonConverter(typeof(JsonStringEnumConverter<SourceStatus>))]
public enum SourceStatus
{
    /// <summary>The department has never sent data: nothing is known, and nothing is assumed fine.</summary>
    [JsonStringEnumMemberName("no-data")] NoData,

    /// <summary>The department's data holds nothing about the household's members, as of its latest batch.</summary>
    [JsonStringEnumMemberName("nothing-recorded")] NothingRecorded,

    [JsonStringEnumMemberName("recorded")] Recorded,
}

/// <summary>What one source says about the household, as of which date.</summary>
public sealed record SourceFinding(Department Source, string SourceZh, SourceStatus Status, DateTimeOffset? AsOf, IReadOnlyList<string> SaysZh, IReadOnlyList<string> SaysEn);

/// <summary>A difference between what the household declared and what a source says.</summary>
public sealed record Discrepancy(Department Source, int Member, string TextZh, string TextEn);

/// <summary>A member's monthly income as declared and as verified (the higher of the declaration and what departments report).</summary>
public sealed record VerifiedIncome(int Member, decimal Declared, decimal Verified);

/// <summary>The economic-situation verification report (核对报告) of one application (R3, R20).</summary>
public sealed record VerificationReport(
    DateTimeOffset VerifiedAt,
    string AuthorizationReference,
    IReadOnlyList<SourceFinding> Sources,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<VerifiedIncome> Incomes);

/// <summary>One department record about a person, with the date the department sent it.</summary>
public sealed record DepartmentRecord(Department Department, DateTimeOffset ReceivedAt, string IdNumber, Signal Signal, decimal? Amount);

/// <summary>
/// Checks a household's declaration against what departments report (核对, R2 R3). Every department
/// appears in the report: one that never sent data says so ("no data"), never "fine". Incomes reported
/// above the declaration (HRSS wages, provident-fund wage bases) replace it in the verified figures;
/// assets above the policy's thresholds are discrepancies for the investigation to explain.
/// </summary>
public static class Verifier
{
    public static VerificationReport Verify(
        IReadOnlyList<HouseholdMember> members,
        VerificationAuthorization authorization,
        IReadOnlyDictionary<Department, DateTimeOffset> latestBatches,
        IReadOnlyList<DepartmentRecord> records,
        PolicySnapshot policy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(latestBatches);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(policy);
        var index = members.Select((m, i) => (m.IdNumber, Index: i + 1)).ToDictionary(m => m.IdNumber, m => m.Index, StringComparer.Ordinal);
        var mine = records.Where(r => index.ContainsKey(r.IdNumber)).OrderBy(r => r.ReceivedAt).ToList();
        var sources = new List<SourceFinding>();
        foreach (var department in Enum.GetValues<Department>())
        {
            if (!latestBatches.TryGetValue(department, out var asOf))
            {
                sources.Add(new(department, DepartmentZh(department), SourceStatus.NoData, null,
                    ["该部门尚未提供数据，此项未能核对。"], ["This department has sent no data: not verified."]));
                continue;
            }

            var found = mine.Where(r => r.Department == department).ToList();
            sources.Add(found.Count == 0
                ? new(department, DepartmentZh(department), SourceStatus.NothingRecorded, asOf,
                    [$"截至 {Day(asOf)}，无该户成员的记录。"], [$"As of {Day(asOf)}, nothing about the household's members."])
                : new(department, DepartmentZh(department), SourceStatus.Recorded, asOf,
                    [.. found.Select(r => $"成员 {index[r.IdNumber]}：{SignalZh(r.Signal)}{AmountZh(r.Amount)}（{Day(r.ReceivedAt)} 报送）")],
                    [.. found.Select(r => $"Member {index[r.IdNumber]}: {WireName.Of(r.Signal)}{AmountEn(r.Amount)} (reported {Day(r.ReceivedAt)})")]));
        }

        var discrepancies = new List<Discrepancy>();
        var incomes = new List<VerifiedIncome>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var number = i + 1;
            var declared = member.TotalMonthlyIncome;
            var verified = declared;
            var latestWage = mine.LastOrDefault(r => r.IdNumber == member.IdNumber && r.Signal == Signal.NewIncome);
            if (latestWage?.Amount is { } wage && wage > declared)
            {
                discrepancies.Add(new(Department.Hrss, number, $"成员 {number} 申报月收入 {Yuan(declared)} 元，人社部门报送 {Yuan(wage)} 元。",
                    $"Member {number} declared CNY {Yuan(declared)}/month; HRSS reports CNY {Yuan(wage)}."));
                verified = Math.Max(verified, wage);
            }

            var provident = mine.LastOrDefault(r => r.IdNumber == member.IdNumber && r.Signal == Signal.ProvidentContribution);
            if (provident?.Amount is { } basis && basis > declared)
            {
                discrepancies.Add(new(Department.ProvidentFund, number, $"成员 {number} 申报月收入 {Yuan(declared)} 元，公积金缴存基数 {Yuan(basis)} 元。",
                    $"Member {number} declared CNY {Yuan(declared)}/month; the provident fund's wage base is CNY {Yuan(basis)}."));
                verified = Math.Max(verified, basis);
            }

            if (member.EmploymentStatus is not (EmploymentStatus.Employed or EmploymentStatus.Flexible)
                && mine.Any(r => r.IdNumber == member.IdNumber && r.Signal == Signal.JobFound))
            {
                discrepancies.Add(new(Department.Hrss, number, $"成员 {number} 申报未就业，人社部门报送已就业。", $"Member {number} declared no work; HRSS reports a job."));
            }

            incomes.Add(new(number, declared, verified));
        }

        var assets = AssetThresholds.Of([.. mine.Select(r => new AssetRecord(r.IdNumber, r.Signal, r.Amount))], members.Count,
            policy.RequiredParameter(PolicyParameters.VehicleValueThreshold), policy.RequiredParameter(PolicyParameters.DepositsPerPersonThreshold));
        foreach (var excess in assets.OrderBy(e => e.IdNumber is null ? int.MaxValue : index[e.IdNumber]))
        {
            var number = excess.IdNumber is null ? 0 : index[excess.IdNumber];
            discrepancies.Add(excess.Department switch
            {
                Department.Vehicles => new(Department.Vehicles, number, $"成员 {number} 名下有价值 {Yuan(excess.Amount!.Value)} 元的车辆（不低于 {Yuan(excess.Limit!.Value)} 元）。",
                    $"Member {number} owns a vehicle worth CNY {Yuan(excess.Amount!.Value)} (at least CNY {Yuan(excess.Limit!.Value)})."),
                Department.Business => new(Department.Business, number, $"成员 {number} 登记有企业或个体工商户。", $"Member {number} is registered as a business owner."),
                Department.RealEstate => new(Department.RealEstate, 0, $"家庭名下有 {excess.Count} 套房产（超过一套）。", $"The household owns {excess.Count} properties (more than one)."),
                _ => new(Department.Banks, 0, $"家庭存款 {Yuan(excess.Amount!.Value)} 元，超过 {Yuan(excess.Limit!.Value)} 元。",
                    $"The household holds CNY {Yuan(excess.Amount!.Value)} in deposits, above CNY {Yuan(excess.Limit!.Value)}."),
            });
        }

        return new VerificationReport(now, authorization.Reference, sources, discrepancies, incomes);
    }

    /// <summary>The members with their verified incomes (what the means test of the investigation counts).</summary>
    public static List<HouseholdMember> WithVerifiedIncomes(IReadOnlyList<HouseholdMember> members, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(report);
        return [.. members.Select((m, i) =>
        {
            var verified = report.Incomes.FirstOrDefault(v => v.Member == i + 1);
            return verified is null || verified.Verified == verified.Declared
                ? m
                : m with { MonthlyIncomes = [new MonthlyIncome(m.EmploymentStatus is EmploymentStatus.Employed or EmploymentStatus.Flexible ? IncomeSource.Wage : IncomeSource.Other, verified.Verified)] };
        })];
    }

    public static string DepartmentZh(Department department) => department switch
    {
        Department.Hrss => "人力资源社会保障",
        Department.MedicalInsurance => "医疗保障",
        Department.Health => "卫生健康",
        Department.Education => "教育",
        Department.Disability => "残联",
        Department.Vehicles => "公安车辆登记",
        Department.RealEstate => "不动产登记",
        Department.Business => "市场监管",
        Department.Banks => "金融机构存款",
        Department.ProvidentFund => "住房公积金",
        Department.PublicSecurity => "公安户籍",
        _ => department.ToString(),
    };

    private static string SignalZh(Signal signal) => signal switch
    {
        Signal.JobLost => "失业",
        Signal.JobFound => "就业",
        Signal.NewIncome => "收入",
        Signal.OutOfPocket => "医疗自付",
        Signal.SeriousIllness => "重病",
        Signal.LowIncomeStudent => "困难学生",
        Signal.DisabilityRegistered => "残疾登记",
        Signal.VehicleOwned => "车辆",
        Signal.PropertyOwned => "房产",
        Signal.BusinessRegistered => "工商登记",
        Signal.Deposits => "存款",
        Signal.ProvidentContribution => "公积金缴存基数",
        Signal.Deceased => "死亡",
        Signal.Imprisoned => "服刑",
        _ => signal.ToString(),
    };

    private static string AmountZh(decimal? amount) => amount is { } a ? $" {Yuan(a)} 元" : "";

    private static string AmountEn(decimal? amount) => amount is { } a ? $" CNY {Yuan(a)}" : "";

    private static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => ServiceDefaults.ChinaTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
