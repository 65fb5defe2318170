using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>
/// What a submission costs the database (issue 22), on intake's own migrations against a real PostgreSQL: the
/// application, its people, its first timeline step, its outbox message and its audit entries go in one command
/// (then the commit), because the application's key comes from a sequence before the insert; and keys drawn that way
/// continue after those an identity column gave before the migration.
/// </summary>
[Collection(MessagingServersCollection.Name)]
public sealed class SubmissionWriteTests(MessagingServersFixture servers)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_submission_is_one_command_and_its_key_follows_the_keys_used_before()
    {
        var database = await servers.CreateDatabaseAsync();
        var commands = new CommandCounter();
        await using (var before = NewContext(database, commands))
        {
            // 30 applications (more than one block of keys) stored while keys came from the identity column.
            await before.GetService<IMigrator>().MigrateAsync("20261206153001_PartitionByMonth");
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO applications (applicant_id_number, applicant_name, application_id, area_type, "authorization", channel, circumstances,
                                          hukou_county, members, residence_county, scheme, status, submitted_at, tracking_code, updated_at)
                SELECT '361102198001011236', '张三', gen_random_uuid(), 'Urban', '{{}}', 'WalkIn', '{{}}', '361102', '[]', '361102', 'Dibao', 'Closed',
                       now(), 'T' || lpad(i::text, 10, '0'), now()
                FROM generate_series(1, 30) AS i
                """);
            await before.Database.MigrateAsync();
        }

        await using var db = NewContext(database, commands);
        var first = Submitted("361102198001011236");
        var second = Submitted("361102199002021233");
        await db.Applications.AddAsync(first);
        await db.Applications.AddAsync(second);
        db.AddToOutbox(new WiringProbe("submitted"));

        commands.Count = 0;
        await db.SaveChangesAsync();

        // Two applications with two people, two timeline steps, an outbox row and six audit entries: one command.
        Assert.Equal(1, commands.Count);
        Assert.True(first.Key > 30, $"key {first.Key} repeats one the identity gave");
        Assert.NotEqual(first.Key, second.Key);
        db.ChangeTracker.Clear();
        Assert.Equal(2, await db.ApplicationPersons.CountAsync(p => p.ApplicationKey == first.Key || p.ApplicationKey == second.Key));
        Assert.Equal(2, await db.TimelineEntries.CountAsync(t => t.ApplicationKey == first.Key || t.ApplicationKey == second.Key));
    }

    private static IntakeDbContext NewContext(string connectionString, CommandCounter commands) => new(new DbContextOptionsBuilder<IntakeDbContext>()
        .UseNpgsql(connectionString)
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new AuditInterceptor(new AuditActor(new HttpContextAccessor()), TimeProvider.System), commands)
        .Options);

    private static Application Submitted(string idNumber) => Application.Submit(new ValidatedApplication(
        Channel.WalkIn, Scheme.TemporaryAssistance, TemporaryAssistanceKind.General, idNumber, "张三", null, "361102", "361102", AreaType.Urban,
        [new HouseholdMember(idNumber, "张三", Relation.Self, [], EmploymentStatus.Unemployed, null, false, false, false, GraduateStatus.None, WorkAbility.Full, false)],
        new Circumstances(0, false, false, false, null),
        new VerificationAuthorization("张三", Now, AuthorizationMethod.PaperScan, "scan"), null), Now);

    private sealed record WiringProbe(string Note);

    /// <summary>Counts the commands EF sends (a batch is one; the transaction's begin and commit are not commands).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Count++;
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
