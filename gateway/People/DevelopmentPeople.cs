using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.Gateway.People;

/// <summary>
/// One person per role for local runs, tests and the README's walk-through, with the documented
/// password and (approvers, administrator) authenticator key below. Created only with
/// <c>Identity:DevelopmentClients</c>, like the development clients, so these secrets open nothing elsewhere.
/// </summary>
public sealed class DevelopmentPeople(IServiceProvider services, IOptions<Identity.IdentityOptions> options, TimeProvider clock) : IHostedService
{
    public const string Password = "Dev-Pass-2026!";

    /// <summary>The authenticator key (base32, RFC 6238: SHA-1, 30 s, 6 digits) of every development person who needs a second factor.</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Unit, string Role)> All =
    [
        ("dev-coordinator", "王协理（开发）", "361102001001", PlatformRoles.VillageCoordinator),
        ("dev-caseworker", "李经办（开发）", "361102001", PlatformRoles.TownshipCaseworker),
        ("dev-township-approver", "赵审批（开发）", "361102001", PlatformRoles.TownshipApprover),
        ("dev-approver", "陈审批（开发）", "361102", PlatformRoles.CountyApprover),
        ("dev-finance", "周财务（开发）", "361102", PlatformRoles.CountyFinance),
        ("dev-supervisor", "吴监督（开发）", "361100", PlatformRoles.Supervisor),
        ("dev-auditor", "郑审计（开发）", "360000", PlatformRoles.Auditor),
        ("dev-admin", "孙管理（开发）", "360000", PlatformRoles.Administrator),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DevelopmentClients)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var keys = (IUserAuthenticatorKeyStore<Person>)scope.ServiceProvider.GetRequiredService<IUserStore<Person>>();
        // Gateway replicas start together (issue 23): one creates the people while the others wait on the lock, then
        // find them. The user manager works on this scope's context, so inside this transaction.
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLock})", cancellationToken);
        foreach (var (userName, displayName, unit, role) in All)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var person = new Person { UserName = userName, DisplayName = displayName, Unit = unit, Roles = [role], CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(person, Password), userName);
            if (PlatformRoles.Find(role)!.NeedsSecondFactor)
            {
                await keys.SetAuthenticatorKeyAsync(person, AuthenticatorKey, cancellationToken);
                Check(await users.SetTwoFactorEnabledAsync(person, true), userName);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The advisory lock that lets one gateway at a time create the development people.</summary>
    private static readonly long SeedLock = ServiceDefaults.Hosting.LeaderElection.KeyOf("DevelopmentPeople");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Creating development person {userName} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
