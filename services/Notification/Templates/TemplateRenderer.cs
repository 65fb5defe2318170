using System.Globalization;
using System.Text.RegularExpressions;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;

namespace ReliefPlatform.Notification.Templates;

/// <summary>What happened, in the terms a template can say it: each value is formatted per language when rendered.</summary>
public sealed record NoticeFacts(
    DateTimeOffset OccurredAt,
    string County,
    string Reference,
    string? PersonName = null,
    string? PersonIdNumber = null,
    Scheme? Scheme = null,
    string? Category = null,
    decimal? Amount = null,
    string? ReasonZh = null,
    string? ReasonEn = null,
    string? Purpose = null);

/// <summary>
/// Fills a template's placeholders (<c>{name}</c>) with the facts of a notice, formatted for its
/// language: amounts in CNY, dates in China Standard Time, names and identity numbers masked because
/// an SMS on a lock screen or a shared inbox is seen by others.
/// </summary>
public static partial class TemplateRenderer
{
    private static readonly TimeZoneInfo ChinaStandardTime = FindChinaStandardTime();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();

    public static IReadOnlySet<string> PlaceholdersIn(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static string Render(string text, NoticeFacts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(facts);
        return PlaceholderPattern().Replace(text, match => Value(match.Groups[1].Value, facts, language) ?? match.Value);
    }

    private static string? Value(string placeholder, NoticeFacts facts, string language)
    {
        var zh = language != Languages.English;
        return placeholder switch
        {
            "name" => PersonalData.MaskName(facts.PersonName),
            "idNumber" => PersonalData.MaskIdNumber(facts.PersonIdNumber),
            "scheme" => facts.Scheme is { } scheme ? SchemeName(scheme, zh) : "",
            "category" => facts.Category is { } category ? CategoryName(category, zh) : "",
            "amount" => facts.Amount is { } amount ? Amount(amount, zh) : "",
            "date" => Date(facts.OccurredAt, zh),
            "reason" => (zh ? facts.ReasonZh : facts.ReasonEn) ?? "",
            "purpose" => facts.Purpose is { } purpose ? PurposeName(purpose, zh) : "",
            "reference" => facts.Reference,
            "county" => zh && PlaceRegistry.Current.Find(facts.County) is { } county ? county.Name : facts.County,
            _ => null,
        };
    }

    /// <summary>1234.5 → "1,234.50元" (zh-CN) or "CNY 1,234.50" (en).</summary>
    public static string Amount(decimal amount, bool chinese)
    {
        var figure = amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return chinese ? $"{figure}元" : $"CNY {figure}";
    }

    /// <summary>The date in China Standard Time: "2026年11月29日" (zh-CN) or "29 Nov 2026" (en).</summary>
    public static string Date(DateTimeOffset at, bool chinese)
    {
        var local = TimeZoneInfo.ConvertTime(at, ChinaStandardTime);
        return chinese
            ? $"{local.Year}年{local.Month}月{local.Day}日"
            : local.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string SchemeName(Scheme scheme, bool chinese) => scheme switch
    {
        Scheme.Dibao => chinese ? "最低生活保障" : "dibao (minimum living allowance)",
        Scheme.Tekun => chinese ? "特困人员救助供养" : "tekun (support for people in extreme poverty)",
        Scheme.TemporaryAssistance => chinese ? "临时救助" : "temporary assistance",
        _ => scheme.ToString(),
    };

    public static string CategoryName(string category, bool chinese) => category switch
    {
        AssistanceCategories.Dibao => chinese ? "低保对象" : "a dibao household",
        AssistanceCategories.Tekun => chinese ? "特困人员" : "a person in extreme poverty (tekun)",
        AssistanceCategories.NearDibao => chinese ? "低保边缘家庭" : "a near-dibao household",
        AssistanceCategories.Orphan => chinese ? "孤儿" : "an orphan",
        AssistanceCategories.UnsupportedChild => chinese ? "事实无人抚养儿童" : "a child without support",
        _ => category,
    };

    public static string PurposeName(string purpose, bool chinese) => purpose switch
    {
        PaymentPurposes.TemporaryAssistance => chinese ? "临时救助金" : "temporary assistance",
        PaymentPurposes.Dibao => chinese ? "低保金" : "dibao allowance",
        PaymentPurposes.Tekun => chinese ? "特困供养金" : "tekun support",
        PaymentPurposes.OneTimeSubsidy => chinese ? "一次性生活补贴" : "one-time living subsidy",
        PaymentPurposes.PriceSubsidy => chinese ? "价格临时补贴" : "price subsidy",
        _ => purpose,
    };

    private static TimeZoneInfo FindChinaStandardTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // Containers without tzdata: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
