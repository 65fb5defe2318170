using System.Reflection;
using System.Text.Json.Serialization;
using ReliefPlatform.Places;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>Collects field errors (bilingual) while validating a request.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string messageZh, string messageEn)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(ApiProblems.Bilingual(messageZh, messageEn));
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Requires a non-blank text of at most <paramref name="maxLength"/> characters.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "必填。", "Required.");
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"不能超过 {maxLength} 个字符。", $"At most {maxLength} characters.");
            return null;
        }

        if (trimmed.Any(char.IsControl))
        {
            Add(field, "不能包含控制字符。", "Must not contain control characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Checks a person's name as the household register writes it (<see cref="Contracts.Shared.PersonName"/>); returns it normalized, or null after naming the problem.</summary>
    public string? PersonName(string field, string? value, bool required = true)
    {
        if (!required && string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var problem = Contracts.Shared.PersonName.Validate(value, out var normalized);
        if (problem == Contracts.Shared.PersonName.Problem.None)
        {
            return normalized;
        }

        var (zh, en) = Contracts.Shared.PersonName.Describe(problem);
        Add(field, zh, en);
        return null;
    }

    /// <summary>Checks a resident identity number (GB 11643); returns it normalized, or null after naming the problem.</summary>
    public string? IdNumber(string field, string? value, DateOnly today, bool required = true)
    {
        if (!required && string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var problem = Contracts.Shared.IdNumber.Validate(value, today, out var normalized);
        // The region is a code of any revision: a number keeps the code it was issued under (3623xx of 上饶地区).
        if (problem == Contracts.Shared.IdNumber.Problem.None && !PlaceRegistry.Current.IsIdNumberRegion(normalized[..6]))
        {
            problem = Contracts.Shared.IdNumber.Problem.UnknownRegion;
        }

        if (problem == Contracts.Shared.IdNumber.Problem.None)
        {
            return normalized;
        }

        var (zh, en) = Contracts.Shared.IdNumber.Describe(problem);
        Add(field, zh, en);
        return null;
    }

    /// <summary>
    /// Checks an amount of yuan: above 0 (or 0 and above with <paramref name="zeroAllowed"/>), at most
    /// <paramref name="max"/>, to the fen; returns it, or null after naming the problem with what it is.
    /// </summary>
    public decimal? Yuan(string field, decimal? value, string whatZh, string whatEn, decimal max, bool zeroAllowed = false, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, $"{whatZh}必填。", $"{whatEn} is required.");
            }

            return null;
        }

        if ((zeroAllowed ? value < 0 : value <= 0) || value > max || decimal.Round(value.Value, 2) != value)
        {
            var floorZh = zeroAllowed ? "不小于 0" : "应大于 0";
            var floorEn = zeroAllowed ? "0 or more" : "above 0";
            Add(field, $"{whatZh}{floorZh}、不超过 {max:#,0} 元、最多两位小数。", $"{whatEn} is {floorEn}, at most {max:#,0}, with at most two decimals.");
            return null;
        }

        return value;
    }

    /// <summary>Checks an organisation's unified social credit code (18 characters with its check character); returns it in capitals, or null after naming the problem.</summary>
    public string? CreditCode(string field, string? value, bool required = true)
    {
        if (!required && string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Contracts.Shared.CreditCode.Normalize(value) is { } code)
        {
            return code;
        }

        Add(field, "不是有效的统一社会信用代码（18 位，末位为校验码）。", "Not a valid unified social credit code (18 characters, the last a check character).");
        return null;
    }

    /// <summary>Checks a county code against the counties in force in the platform's province; returns it, or null after naming the problem.</summary>
    public string? County(string field, string? value, bool required = true)
    {
        var code = Text(field, value, 16, required);
        if (code is null)
        {
            return null;
        }

        if (!PlaceRegistry.Current.IsServedCounty(code))
        {
            var known = PlaceRegistry.Current.Find(code);
            if (known is { Level: UnitLevel.County, IsCurrent: true })
            {
                Add(field, $"{known.Name}（{code}）不在本平台服务的省内。", $"{code} is a county outside the province this platform serves.");
            }
            else
            {
                Add(field, "不是本省在用的县级行政区划代码（6 位，GB/T 2260）。", "Not the 6-digit code (GB/T 2260) of a county in force in this province.");
            }

            return null;
        }

        return code;
    }

    /// <summary>Checks a township (9 digits) in force inside <paramref name="county"/>; returns it, or null after naming the problem.</summary>
    public string? Township(string field, string? value, string? county, bool required = false)
    {
        var code = Text(field, value, 16, required);
        if (code is null)
        {
            return null;
        }

        if (PlaceRegistry.Current.Find(code) is not { Level: UnitLevel.Township, IsCurrent: true } || (county is not null && !PlaceRegistry.Current.IsInside(code, county)))
        {
            Add(field, $"不是{(county is null ? "" : $" {county} 内")}在用的乡镇（街道）代码（9 位）。", $"Not the 9-digit code of a township in force{(county is null ? "" : $" in {county}")}.");
            return null;
        }

        return code;
    }

    /// <summary>Checks a village or community (12 digits) in force inside <paramref name="township"/>; returns it, or null after naming the problem.</summary>
    public string? Village(string field, string? value, string? township)
    {
        var code = Text(field, value, 16, required: false);
        if (code is null)
        {
            return null;
        }

        if (township is null)
        {
            Add(field, "填写村（社区）时须同时填写所属乡镇（街道）。", "A village or community is given with its township.");
            return null;
        }

        if (PlaceRegistry.Current.Find(code) is not { Level: UnitLevel.Village, IsCurrent: true } || !PlaceRegistry.Current.IsInside(code, township))
        {
            Add(field, $"不是 {township} 内在用的村（社区）代码（12 位）。", $"Not the 12-digit code of a village or community in force in {township}.");
            return null;
        }

        return code;
    }

    /// <summary>
    /// Checks a county code in force anywhere in China (a household registration: R4 and R8 set no hukou
    /// restriction); returns it, or null after naming the problem.
    /// </summary>
    public string? AnyCounty(string field, string? value, bool required = true)
    {
        var code = Text(field, value, 16, required);
        if (code is null)
        {
            return null;
        }

        if (!PlaceRegistry.Current.IsCurrentCounty(code))
        {
            Add(field, "不是在用的县级行政区划代码（6 位，GB/T 2260）。", "Not the 6-digit code (GB/T 2260) of a county in force in China.");
            return null;
        }

        return code;
    }

    public const int MaxPageSize = 100;

    /// <summary>The deepest page: a million rows in at most, beyond which a list is narrowed by its filters.</summary>
    public const int MaxPage = 10_000;

    /// <summary>Checks paging parameters: pages 1 to <see cref="MaxPage"/>, 1 to <see cref="MaxPageSize"/> items a page.</summary>
    public void Paging(int page, int pageSize)
    {
        if (page is < 1 or > MaxPage)
        {
            Add("page", $"页码从 1 到 {MaxPage}；更靠后的记录请用筛选条件缩小范围。", $"Pages run from 1 to {MaxPage}; narrow the list with its filters to reach further.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            Add("pageSize", $"每页 1 到 {MaxPageSize} 条。", $"Between 1 and {MaxPageSize} per page.");
        }
    }

    /// <summary>Parses an enum from its wire name (the <see cref="JsonStringEnumMemberNameAttribute"/>), naming the allowed values on failure.</summary>
    public TEnum? Enum<TEnum>(string field, string? value, bool required = true) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "必填。", "Required.");
            }

            return null;
        }

        foreach (var (name, member) in WireNames<TEnum>.All)
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        var allowed = string.Join(", ", WireNames<TEnum>.All.Select(n => n.Name));
        Add(field, $"取值无效，可选：{allowed}。", $"Not a valid value; use one of: {allowed}.");
        return null;
    }

    private static class WireNames<TEnum> where TEnum : struct, System.Enum
    {
        public static readonly IReadOnlyList<(string Name, TEnum Member)> All = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, (TEnum)f.GetValue(null)!))
            .ToList();
    }
}

public static class WireName
{
    /// <summary>The wire name of an enum value (its JSON name).</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, System.Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();
}
