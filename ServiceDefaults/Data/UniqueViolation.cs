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
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && (constraint is null || postgres.ConstraintName == constraint);
}
