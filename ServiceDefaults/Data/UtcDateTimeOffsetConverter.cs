using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// PostgreSQL's <c>timestamptz</c> stores an instant; Npgsql accepts only UTC offsets. Clients in
/// China send +08:00: store the same instant in UTC instead of failing the request.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

public static class UtcConventions
{
    public static ModelConfigurationBuilder StoreDateTimeOffsetsAsUtc(this ModelConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
        return configuration;
    }
}
