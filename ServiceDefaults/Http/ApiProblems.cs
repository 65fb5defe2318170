using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>
/// RFC 9457 problem responses in the platform's shape: a stable <c>code</c>, a title and detail in
/// Chinese and English, and for validation an <c>errors</c> entry per field.
/// </summary>
public static class ApiProblems
{
    public static ValidationProblem Validation(string field, string messageZh, string messageEn) =>
        Validation(new Dictionary<string, string[]> { [field] = [Bilingual(messageZh, messageEn)] });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string code = "validation_failed") =>
        TypedResults.ValidationProblem(
            errors,
            title: "请求参数有误 / The request has invalid fields",
            detail: "请按 errors 中各字段的说明修改后重试。 / Correct the fields listed in errors and retry.",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string code, string detailZh, string detailEn) =>
        Problem(StatusCodes.Status404NotFound, code, "未找到 / Not found", detailZh, detailEn);

    public static ProblemHttpResult Conflict(string code, string detailZh, string detailEn, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, code, "冲突 / Conflict", detailZh, detailEn, extensions);

    public static ProblemHttpResult Unprocessable(string code, string detailZh, string detailEn, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, code, "无法受理 / Cannot be processed", detailZh, detailEn, extensions);

    public static ProblemHttpResult Problem(int status, string code, string title, string detailZh, string detailEn, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: Bilingual(detailZh, detailEn), statusCode: status, title: title, extensions: all);
    }

    public static string Bilingual(string zh, string en) => $"{zh} / {en}";
}
