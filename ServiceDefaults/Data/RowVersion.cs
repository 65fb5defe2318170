using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.ServiceDefaults.Data;

public static class RowVersion
{
    /// <summary>The shadow property that carries a row's version.</summary>
    public const string PropertyName = "Version";

    /// <summary>
    /// Optimistic concurrency on a row that more than one request or consumer can change: PostgreSQL's
    /// <c>xmin</c> (the id of the transaction that last wrote the row) is the concurrency token, so a save
    /// over a row somebody else changed since it was read fails with <c>DbUpdateConcurrencyException</c>
    /// instead of silently undoing their change (the lost update outside testing found: applications
    /// left "notified" although they had closed). Consumers retry through their definition's retry
    /// policy and see the new row; HTTP callers get 409 and read again.
    /// </summary>
    public static EntityTypeBuilder<T> HasRowVersion<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Property<uint>(PropertyName).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        return entity;
    }

    /// <summary>
    /// Clears the change tracker (a long loop keeps it small) but keeps tracking <paramref name="entity"/>
    /// with the version it was last saved with: the version is a shadow property, held only by the
    /// tracker, and a plain re-attach would reset it and make the next save a false conflict.
    /// </summary>
    public static void ClearTrackerExcept<T>(this DbContext db, T entity) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = db.Entry(entity).Property<uint>(PropertyName).CurrentValue;
        db.ChangeTracker.Clear();
        var entry = db.Attach(entity);
        entry.Property<uint>(PropertyName).OriginalValue = version;
        entry.Property<uint>(PropertyName).CurrentValue = version;
    }
}
