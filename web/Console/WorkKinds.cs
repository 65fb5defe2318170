using System.Text.Json;

namespace ReliefPlatform.Web.Console;

/// <summary>The steps of the work queue (eligibility's work items) as staff call them, and the page each opens.</summary>
public static class WorkKinds
{
    public static string Name(string kind, UiLanguage language) => kind switch
    {
        "investigate" => language.T("入户调查", "Household investigation"),
        "resolve-objection" => language.T("处理公示异议", "Resolve an objection"),
        "decide" => language.T("审批决定", "Decision"),
        "recertify" => language.T("定期复核", "Re-certification"),
        "correct-account" => language.T("更正收款账户", "Correct the payee's account"),
        _ => kind,
    };

    /// <summary>The case page for the procedure's steps (their subject is the determination).</summary>
    public static string? Opens(JsonElement item) => item.Text("kind") is "investigate" or "resolve-objection" or "decide"
        ? $"/console/cases/{item.Text("subjectId")}"
        : null;
}
