namespace ReliefPlatform.Web;

/// <summary>The reader's language: Chinese unless they chose English (a cookie set by the switch in the header).</summary>
public sealed class UiLanguage(IHttpContextAccessor http)
{
    public const string Cookie = "lang";

    public bool English => http.HttpContext?.Request.Cookies[Cookie] == "en";

    /// <summary>The text in the reader's language.</summary>
    public string T(string zh, string en) => English ? en : zh;
}
