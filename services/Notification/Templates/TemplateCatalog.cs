using ReliefPlatform.Contracts.Notifications;

namespace ReliefPlatform.Notification.Templates;

/// <summary>A template's text in one language: a short title (inbox) and the body (SMS, inbox, webhook summary).</summary>
public sealed record TemplateText(string Title, string Body);

/// <summary>What an event type's templates may say: the placeholders it fills, and the texts it starts with.</summary>
public sealed record TemplateDefinition(string EventType, IReadOnlySet<string> Placeholders, TemplateText Chinese, TemplateText English)
{
    public TemplateText In(string language) => language == Languages.English ? English : Chinese;
}

/// <summary>
/// The platform's notification templates as shipped. Operators edit them through the API; what they
/// store replaces these texts, and a template may only use the placeholders its event fills.
/// </summary>
public static class TemplateCatalog
{
    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, TemplateDefinition> Definitions = new[]
    {
        new TemplateDefinition(NotificationEventTypes.ApplicationReceived, Set("name", "scheme", "date", "reference", "county"),
            new("申请已受理", "{name}您好，您的{scheme}申请已于{date}受理，受理编号{reference}。我们将核对您家庭的经济状况，请保持电话畅通。"),
            new("Application received", "Dear {name}, your {scheme} application was received on {date} (reference {reference}). We will verify your household's situation; please keep your phone on.")),
        new TemplateDefinition(NotificationEventTypes.ApplicationApproved, Set("name", "scheme", "category", "amount", "date", "reference"),
            new("申请已批准", "{name}您好，您的{scheme}申请（编号{reference}）经审核符合条件，认定为{category}，每月救助金{amount}，审核日期{date}。"),
            new("Application approved", "Dear {name}, your {scheme} application ({reference}) was approved on {date}: {category}, {amount} a month.")),
        new TemplateDefinition(NotificationEventTypes.ApplicationRefused, Set("name", "scheme", "reason", "date", "reference"),
            new("申请未获批准", "{name}您好，您的{scheme}申请（编号{reference}）经审核暂不符合条件：{reason}。如有异议，可向县级民政部门反映或依法申请行政复议。"),
            new("Application not approved", "Dear {name}, your {scheme} application ({reference}) was not approved on {date}: {reason}. You may raise an objection with the county civil affairs bureau or apply for an administrative review.")),
        new TemplateDefinition(NotificationEventTypes.GrantApproved, Set("name", "amount", "date", "purpose", "reference"),
            new("救助已批准", "{name}您好，您的{purpose}已于{date}批准，金额{amount}，将发放到您的银行账户。编号{reference}。"),
            new("Assistance granted", "Dear {name}, your {purpose} of {amount} was granted on {date} and will be paid into your bank account (reference {reference}).")),
        new TemplateDefinition(NotificationEventTypes.PaymentSettled, Set("name", "amount", "date", "purpose", "reference"),
            new("救助金已到账", "{name}您好，您的{purpose}{amount}已于{date}发放到您的银行账户。"),
            new("Payment made", "Dear {name}, your {purpose} of {amount} was paid into your bank account on {date}.")),
        new TemplateDefinition(NotificationEventTypes.PaymentFailed, Set("name", "amount", "date", "purpose", "reason", "reference"),
            new("救助金发放未成功", "{name}您好，您的{purpose}{amount}于{date}发放未成功（{reason}）。工作人员将与您联系核对账户信息后重新发放。"),
            new("Payment not made", "Dear {name}, your {purpose} of {amount} could not be paid on {date} ({reason}). Staff will contact you to check your account and pay it again.")),
        new TemplateDefinition(NotificationEventTypes.LeadOverdue, Set("county", "date", "reference"),
            new("线索逾期未跟进", "{county}的困难群众线索{reference}已于{date}超过跟进期限，请尽快入户核实。"),
            new("Lead overdue", "Lead {reference} in {county} passed its follow-up deadline on {date}; visit the household now.")),
        new TemplateDefinition(NotificationEventTypes.ReviewOverdue, Set("county", "amount", "date", "reference"),
            new("先行救助逾期未复核", "{county}的先行救助案件{reference}（已支付{amount}）已于{date}超过复核期限，请尽快复核。"),
            new("Assist-first review overdue", "Case {reference} in {county}, paid {amount} first, passed its review deadline on {date}; review it now.")),
        new TemplateDefinition(NotificationEventTypes.HardshipWarning, Set("name", "idNumber", "county", "reason", "date", "reference"),
            new("困难预警", "{date}动态监测发现{county}的{name}（{idNumber}）可能陷入困难：{reason}。预警编号{reference}。"),
            new("Hardship warning", "On {date} monitoring found that {name} ({idNumber}) in {county} may be in difficulty: {reason}. Warning {reference}.")),
        new TemplateDefinition(NotificationEventTypes.LeadRaised, Set("county", "date", "reference", "category"),
            new("发现困难群众线索", "{date}在{county}发现困难群众线索{reference}（{category}），请按期入户核实。"),
            new("Lead raised", "A person in difficulty was found in {county} on {date} (lead {reference}, {category}); visit the household in time.")),
        new TemplateDefinition(NotificationEventTypes.RecipientEnrolled, Set("name", "idNumber", "county", "category", "amount", "date", "reference"),
            new("纳入救助名册", "{county}的{name}（{idNumber}）自{date}起纳入{category}，每月{amount}。名册编号{reference}。"),
            new("Enrolled on the roster", "{name} ({idNumber}) in {county} is on the roster as {category} from {date}, {amount} a month (recipient {reference}).")),
        new TemplateDefinition(NotificationEventTypes.RecipientExited, Set("county", "category", "date", "reason", "reference"),
            new("退出救助名册", "{county}的救助对象{reference}（{category}）于{date}退出名册：{reason}。"),
            new("Left the roster", "Recipient {reference} ({category}) in {county} left the roster on {date}: {reason}.")),
    }.ToDictionary(d => d.EventType, StringComparer.Ordinal);
}
