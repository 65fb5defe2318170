using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReliefPlatform.ServiceDefaults.Data;

public static class UniqueViolation
{
    /// <summary>
    /// Whether a save failed on a unique index (optionally a named one): the database's answer to
    /// "this already exists", which endpoints turn into a 409 instead of an error.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? constraint = null) =>
        exception?.InnerException is PostgresException postgres && postgres.IsUniqueViolation(constraint);

    /// <summary>The same for rows written without EF (<see cref="RowBatch"/>), whose failures come from Npgsql directly.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string? constraint = null) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation } && (constraint is null || exception.ConstraintName == constraint);
}
