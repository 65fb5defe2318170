namespace ReliefPlatform.Notification.Templates;

public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsKnown(string? language) => language is Chinese or English;
}
