using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Intake.Applications;

/// <summary>
/// Writes a submitted application (R3, R20) in one batch without EF's change tracking (issue 22): the application, its
/// persons (whose open flags the R20 unique index checks), its first timeline step, the audit entries the interceptor
/// would have written for the application and each person, and the <see cref="ApplicationSubmitted"/> outbox row.
/// Measured in the front door alone, tracking these seven rows was more than half of intake's CPU per submission
/// (docs/benchmarks.md). The caller owns the transaction and wakes the outbox's relay after the commit.
/// </summary>
public static class Submissions
{
    public static async Task WriteAsync(IntakeDbContext db, Application application, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        // From the same HiLo block as EF's own inserts: every 20th asks the database for the next block.
        application.KeyedAs(await RowBatch.NextKeyAsync(db, application, ct));

        var rows = new RowBatch(db).Add(application);
        foreach (var person in application.Persons)
        {
            rows.Add(person);
        }

        foreach (var step in application.Timeline)
        {
            rows.Add(step);
        }

        // Audited as the interceptor audits what EF adds (timeline steps are a trail of their own, [NotAudited]).
        rows.Add(AuditTrail.Added(db, application, now));
        foreach (var person in application.Persons)
        {
            rows.Add(AuditTrail.Added(db, person, now));
        }

        rows.AddToOutbox(new ApplicationSubmitted(
            application.ApplicationId, application.SubmittedAt, application.Channel, application.Scheme, application.TemporaryAssistanceKind,
            application.ApplicantIdNumber, application.ApplicantName, application.ApplicantPhone, application.HukouCounty, application.ResidenceCounty,
            application.AreaType, application.Members, application.Circumstances, application.Authorization, application.LeadId,
            application.ResidenceTownship, application.ResidenceVillage));
        await rows.ExecuteAsync(ct);
    }
}
