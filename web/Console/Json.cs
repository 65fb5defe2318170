using System.Globalization;
using System.Text.Json;

namespace ReliefPlatform.Web.Console;

/// <summary>Reading the APIs' JSON on the pages: a value by dotted path, shown as staff read it (China time, yuan).</summary>
public static class Json
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static JsonElement? At(this JsonElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string Text(this JsonElement element, string path) => element.At(path) is { } value ? Show(value) : "";

    public static decimal? Number(this JsonElement element, string path) => element.At(path) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal() : null;

    public static bool Flag(this JsonElement element, string path) => element.At(path) is { ValueKind: JsonValueKind.True };

    /// <summary>The items of a list answer: a paged list's <c>items</c>, or the array itself.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement? body) => body switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } paged when paged.TryGetProperty("items", out var items) => items.EnumerateArray(),
        _ => [],
    };

    /// <summary>A value as text: times in China time to the minute, numbers as they are, lists joined.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 19 } text && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            => at.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "✓",
        JsonValueKind.False => "",
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(Show)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>A name as lists show it: the surname and a star per other character (R18's masked form).</summary>
    public static string MaskName(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);
}

/// <summary>One column of a list: its header in both languages and what a row shows in it; a link where the row opens a page.</summary>
public sealed record Column(string Zh, string En, Func<JsonElement, string> Value, Func<JsonElement, string?>? Link = null)
{
    public static Column Of(string zh, string en, string path) => new(zh, en, row => row.Text(path));

    /// <summary>A person's name, masked on every list.</summary>
    public static Column Name(string zh, string en, string path) => new(zh, en, row => Json.MaskName(row.Text(path)));
}
