namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// The categories a recipient is on the roster under, as they travel in messages (glossary: 低保对象,
/// 特困人员, 低保边缘家庭, 孤儿, 事实无人抚养儿童). Strings, not an enum, in messages: a consumer
/// built before a new category keeps working and shows its code.
/// </summary>
public static class AssistanceCategories
{
    public const string Dibao = "dibao";
    public const string Tekun = "tekun";
    public const string NearDibao = "near-dibao";
    public const string Orphan = "orphan";
    public const string UnsupportedChild = "unsupported-child";
}

/// <summary>What a payment pays for; a fund may pay only its purposes (R19).</summary>
public static class PaymentPurposes
{
    public const string Dibao = "dibao";
    public const string Tekun = "tekun";
    public const string TemporaryAssistance = "temporary-assistance";
    public const string OneTimeSubsidy = "one-time-subsidy";
    public const string PriceSubsidy = "price-subsidy";

    /// <summary>Purchased services (R16): providers paid for care, visits, meals… delivered to recipients.</summary>
    public const string Services = "services";

    public static IReadOnlyList<string> All { get; } = [Dibao, Tekun, TemporaryAssistance, OneTimeSubsidy, PriceSubsidy, Services];

    /// <summary>
    /// The purpose of a roster category's monthly benefit: tekun support from tekun funds; dibao, and the
    /// children's living allowance that the province pays alongside it, from dibao funds.
    /// </summary>
    public static string OfMonthlyBenefit(string category) => category == AssistanceCategories.Tekun ? Tekun : Dibao;
}
