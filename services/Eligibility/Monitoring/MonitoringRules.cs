namespace ReliefPlatform.Eligibility.Monitoring;

/// <summary>One matching rule of dynamic monitoring (R2): a set-based INSERT … SELECT … RETURNING.</summary>
public sealed record MonitoringRule(string Id, Department Department, string Sql);

/// <summary>
/// The rules, each one statement over the whole batch. Parameters: @batch, @department, @now,
/// @threshold (medical out-of-pocket, from policy), @today.
/// </summary>
public static class MonitoringRules
{
    private const string Returning = """
        ON CONFLICT (batch_key, rule, id_number) DO NOTHING
        RETURNING warning_id, kind, rule, id_number, name, county, priority_group, signal_zh, signal_en
        """;

    private const string Insert = """
        INSERT INTO monitoring_warnings (warning_id, batch_key, department, kind, rule, id_number, name, county, priority_group, signal_zh, signal_en, raised_at)
        """;

    public static IReadOnlyList<MonitoringRule> All { get; } =
    [
        // A near-dibao household member lost a job.
        new("near-dibao-job-lost", Department.Hrss, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Hardship', 'near-dibao-job-lost', f.id_number,
                   coalesce(f.name, r.head_name), r.county, 'NearDibao',
                   '低保边缘家庭成员失业', 'a member of a near-dibao household lost a job', @now
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active AND p.category = 'NearDibao'
            JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch AND f.signal = 'JobLost'
            {Returning}
            """),

        // Out-of-pocket medical costs above the policy threshold, for anyone.
        new("medical-costs", Department.MedicalInsurance, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Hardship', 'medical-costs', f.id_number,
                   coalesce(f.name, r.head_name, ''), coalesce(r.county, f.county, ''),
                   CASE WHEN p.category = 'NearDibao' THEN 'NearDibao' ELSE 'JustShortOfDibao' END,
                   '个人自付医疗费用 ' || to_char(f.amount, 'FM999999990.00') || ' 元，超过监测线',
                   'out-of-pocket medical costs of CNY ' || to_char(f.amount, 'FM999999990.00') || ' above the monitoring threshold', @now
            FROM feed_records f
            LEFT JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active
            LEFT JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch AND f.signal = 'OutOfPocket' AND f.amount >= @threshold
              AND coalesce(r.county, f.county) IS NOT NULL
            ORDER BY f.id_number, f.amount DESC
            {Returning}
            """),

        // A serious illness in a household on the roster (relapse risk).
        new("roster-serious-illness", Department.Health, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Hardship', 'roster-serious-illness', f.id_number,
                   coalesce(f.name, r.head_name), r.county, 'RelapseWatch',
                   '在册家庭成员患重大疾病', 'a member of a household on the roster has a serious illness', @now
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active
            JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch AND f.signal = 'SeriousIllness'
            {Returning}
            """),

        // A student from a low-income household, wherever the household is known.
        new("low-income-student", Department.Education, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Hardship', 'low-income-student', f.id_number,
                   coalesce(f.name, r.head_name, ''), coalesce(r.county, f.county, ''), 'Other',
                   '低收入家庭学生', 'a student from a low-income household', @now
            FROM feed_records f
            LEFT JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active
            LEFT JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch AND f.signal = 'LowIncomeStudent' AND coalesce(r.county, f.county) IS NOT NULL
            {Returning}
            """),

        // A new disability registration of someone on the roster or near it.
        new("disability-registered", Department.Disability, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Hardship', 'disability-registered', f.id_number,
                   coalesce(f.name, r.head_name), r.county, 'UnableAfterAssistance',
                   '新增残疾登记', 'a new disability registration', @now
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active
            JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch AND f.signal = 'DisabilityRegistered'
            {Returning}
            """),

        // Review: a dibao member with a new income at or above the county's urban standard (R20).
        new("dibao-new-income", Department.Hrss, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Review', 'dibao-new-income', f.id_number,
                   coalesce(f.name, r.head_name), r.county, 'Other',
                   '低保对象新增收入 ' || to_char(f.amount, 'FM999999990.00') || ' 元/月，达到城市低保标准，需复核',
                   'a dibao member has a new income of CNY ' || to_char(f.amount, 'FM999999990.00') || ' a month, at or above the urban standard: review', @now
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active AND p.category = 'Dibao'
            JOIN recipients r ON r.key = p.recipient_key
            JOIN LATERAL (
                SELECT s.monthly_amount FROM county_standards s
                WHERE s.county = r.county AND s.area_type = 'Urban' AND s.kind = 'Dibao' AND s.effective_from <= @today
                ORDER BY s.effective_from DESC LIMIT 1) standard ON true
            WHERE f.batch_key = @batch AND f.signal = 'NewIncome' AND f.amount >= standard.monthly_amount
            ORDER BY f.id_number, f.amount DESC
            {Returning}
            """),

        // Review: the verification sources (issue 17) report assets or contributions of someone on the dibao or
        // tekun roster; the caseworker checks them against the household's verification at re-certification (R20).
        AssetReview(Department.Vehicles, "车辆登记", "a registered vehicle"),
        AssetReview(Department.RealEstate, "房产登记", "a registered property"),
        AssetReview(Department.Business, "工商登记", "a business registration"),
        AssetReview(Department.Banks, "存款", "bank deposits"),
        AssetReview(Department.ProvidentFund, "公积金缴存", "provident-fund contributions"),
        AssetReview(Department.PublicSecurity, "死亡（户口注销）记录", "a death registered (household registration cancelled)"),
    ];

    public static IEnumerable<MonitoringRule> For(Department department) => All.Where(r => r.Department == department);

    private static MonitoringRule AssetReview(Department department, string zh, string en)
    {
        var id = $"roster-{ServiceDefaults.Http.WireName.Of(department)}";
        return new(id, department, $"""
            {Insert}
            SELECT DISTINCT ON (f.id_number) gen_random_uuid(), @batch, @department, 'Review', '{id}', f.id_number,
                   coalesce(f.name, r.head_name), r.county, 'Other',
                   '保障对象名下有{zh}' || coalesce('（' || to_char(f.amount, 'FM999999990.00') || ' 元）', '') || '，需复核',
                   'someone on the roster has {en}' || coalesce(' (CNY ' || to_char(f.amount, 'FM999999990.00') || ')', '') || ': review', @now
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active AND p.category IN ('Dibao', 'Tekun')
            JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = @batch
            ORDER BY f.id_number, f.amount DESC NULLS LAST
            {Returning}
            """);
    }
}
