namespace ReliefPlatform.Contracts.Shared;

/// <summary>
/// Masks personal data (identity numbers, phone numbers, names) wherever it could be seen by
/// someone who does not handle the case: list results, logs, traces, public disclosure (R20).
/// </summary>
public static class PersonalData
{
    /// <summary><c>361102199001011234</c> → <c>361102********1234</c>: the region stays, the birth date goes.</summary>
    public static string MaskIdNumber(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return "";
        }

        return idNumber.Length <= 10
            ? new string('*', idNumber.Length)
            : string.Concat(idNumber.AsSpan(0, 6), new string('*', idNumber.Length - 10), idNumber.AsSpan(idNumber.Length - 4));
    }

    /// <summary><c>13812345678</c> → <c>138****5678</c>.</summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        return phone.Length <= 7
            ? new string('*', phone.Length)
            : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }

    /// <summary><c>张三丰</c> → <c>张**</c>; <c>Li Lei</c> → <c>L*****</c>.</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var text = new System.Globalization.StringInfo(name);
        return text.LengthInTextElements <= 1 ? "*" : text.SubstringByTextElements(0, 1) + new string('*', text.LengthInTextElements - 1);
    }

    /// <summary>The name on a public list, as national practice shows it: the surname and one star (<c>张三丰</c> → <c>张*</c>).</summary>
    public static string Surname(string? name) =>
        string.IsNullOrEmpty(name) ? "*" : new System.Globalization.StringInfo(name).SubstringByTextElements(0, 1) + "*";
}
