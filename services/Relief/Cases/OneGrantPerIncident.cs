using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReliefPlatform.Relief.Cases;

/// <summary>
/// R20, one grant per incident: a person granted temporary assistance of a kind is not granted that
/// kind again within the window (relief's <c>OneGrantPerIncidentWindow</c>), whichever county decides.
/// Grants to one person are serialized (an advisory lock on the ID number) so two counties cannot both
/// pass this check at once.
/// </summary>
public static class OneGrantPerIncident
{
    /// <summary>
    /// Takes the transaction's lock on the person of case <paramref name="caseId"/> in the statement that finds it, so the
    /// case is read once, after the lock (issue 22: it was read, locked and read again); false when there is no such case.
    /// </summary>
    public static async Task<bool> LockPersonOfCaseAsync(this DatabaseFacade database, Guid caseId, CancellationToken ct) =>
        await database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM (SELECT pg_advisory_xact_lock(hashtext(person_id_number)) FROM cases WHERE case_id = {caseId}) AS locked
            """).SingleAsync(ct) > 0;

    /// <summary>The latest earlier grant that makes <paramref name="reliefCase"/> a second grant for the same incident; null when there is none.</summary>
    public static Task<ReliefCase?> EarlierGrantAsync(this IQueryable<ReliefCase> cases, ReliefCase reliefCase, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reliefCase);
        var since = now - window;
        return cases.AsNoTracking()
            .Where(c => c.PersonIdNumber == reliefCase.PersonIdNumber && c.Kind == reliefCase.Kind && c.Status == CaseStatus.Granted
                        && c.DecidedAt >= since && c.Key != reliefCase.Key)
            .OrderByDescending(c => c.DecidedAt)
            .FirstOrDefaultAsync(ct);
    }
}
