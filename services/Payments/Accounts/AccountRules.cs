using System.Reflection;
using System.Text.Json.Serialization;
using nietras.SeparatedValues;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Payments.Accounts;

[JsonConverter(typeof(JsonStringEnumConverter<AccountKind>))]
public enum AccountKind
{
    /// <summary>The social-benefit card (社会保障卡/惠民惠农一卡通) the county pays benefits to.</summary>
    [JsonStringEnumMemberName("social-benefit-card")] SocialBenefitCard,

    [JsonStringEnumMemberName("bank-card")] BankCard,
}

/// <summary>A bank of the list (<c>Accounts/banks.csv</c>): its code, names, the card lengths it issues and whether its numbers carry a Luhn check digit.</summary>
public sealed record Bank(string Code, string NameZh, string NameEn, IReadOnlyList<int> Lengths, bool Luhn);

/// <summary>
/// What an account number must be: digits only, a length the bank issues, and the check digit where the
/// bank uses one (ISO/IEC 7812 Luhn, as UnionPay cards do). The banks are data (a CSV beside this file).
/// </summary>
public static class AccountRules
{
    public static IReadOnlyDictionary<string, Bank> Banks { get; } = Load();

    private static Dictionary<string, Bank> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ReliefPlatform.Payments.Accounts.banks.csv")
            ?? throw new InvalidOperationException("The bank list is not embedded.");
        using var reader = Sep.Reader(options => options with { Unescape = true }).From(stream);
        var banks = new Dictionary<string, Bank>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            var code = row["code"].ToString();
            banks[code] = new Bank(code, row["name_zh"].ToString(), row["name_en"].ToString(),
                [.. row["lengths"].ToString().Split('|').Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))], row["luhn"].ToString() == "yes");
        }

        return banks;
    }

    /// <summary>Checks the number for its bank; returns the number (spaces removed), or null after naming the problem.</summary>
    public static string? Number(ValidationErrors errors, string field, string? value, Bank? bank)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var number = value?.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(number))
        {
            errors.Add(field, "必填。", "Required.");
            return null;
        }

        if (!number.All(char.IsAsciiDigit))
        {
            errors.Add(field, "账号只能是数字。", "An account number has digits only.");
            return null;
        }

        if (bank is null)
        {
            return null; // the bank's own error is named on its field
        }

        if (!bank.Lengths.Contains(number.Length))
        {
            errors.Add(field, $"{bank.NameZh}的卡号为 {string.Join("、", bank.Lengths)} 位。", $"{bank.NameEn} numbers have {string.Join(" or ", bank.Lengths)} digits.");
            return null;
        }

        if (bank.Luhn && !LuhnValid(number))
        {
            errors.Add(field, "卡号校验位不正确，请核对。", "The check digit does not match: the number is mistyped.");
            return null;
        }

        return number;
    }

    /// <summary>ISO/IEC 7812-1 (Luhn): the check digit of card numbers.</summary>
    public static bool LuhnValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
        }

        return digits.Length > 1 && sum % 10 == 0;
    }

    /// <summary>Only the last four digits: how an account is shown everywhere.</summary>
    public static string Mask(string last4) => $"**** **** **** {last4}";
}
