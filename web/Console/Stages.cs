namespace ReliefPlatform.Web.Console;

/// <summary>The stages of the dibao and tekun procedure (R3, R20), as staff call them.</summary>
public static class Stages
{
    public static readonly IReadOnlyList<(string Value, string Zh, string En)> All =
    [
        ("investigation", "入户调查", "Investigation"),
        ("disclosure", "公示中", "Public disclosure"),
        ("approval", "待审批", "Awaiting decision"),
        ("approved", "已批准", "Approved"),
        ("rejected", "不予批准", "Refused"),
    ];

    public static string Name(string stage, UiLanguage language) =>
        All.FirstOrDefault(s => s.Value == stage) is { Value: not null } known ? language.T(known.Zh, known.En) : stage;
}
