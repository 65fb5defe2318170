using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.ServiceDefaults.Data;

public static class JsonColumns
{
    // Public, as the members below: each service's compiled EF model (Data/Compiled) calls them from its own assembly.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores a value object (a household, a rule trace) as one <c>jsonb</c> column: it is read and
    /// written whole with its owner and never queried by its parts.
    /// </summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<T>(json, Options)!,
            // Compared and copied by their UTF-8 JSON (issue 22): every detection of changes compares each document and
            // every tracked row keeps a copy; the bytes skip the string the JSON would otherwise be transcoded into.
            new ValueComparer<T>(
                (a, b) => SameJson(a, b),
                value => HashOf(value),
                value => Copy(value)));
    }

    public static int HashOf<T>(T value) => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal);

    public static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;

    public static bool SameJson<T>(T a, T b) =>
        ReferenceEquals(a, b) || JsonSerializer.SerializeToUtf8Bytes(a, Options).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, Options));
}
