using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Gateway.People;

/// <summary>
/// A person who signs in (caseworker, approver, supervisor, auditor, administrator), with the roles
/// they hold at their unit. Passwords, lockout and the authenticator key are ASP.NET Core Identity's.
/// </summary>
public sealed class Person : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The organisation unit the person works at (a code of the places registry).</summary>
    public string Unit { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An authorization code already exchanged: a code is good once (RFC 6749 §4.1.2).</summary>
public sealed class RedeemedCode
{
    public string CodeId { get; set; } = "";

    public DateTimeOffset RedeemedAt { get; set; }
}

public sealed class PeopleDbContext(DbContextOptions<PeopleDbContext> options) : IdentityUserContext<Person>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddAuditTrail();
        builder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.Property(p => p.DisplayName).HasMaxLength(50);
            person.Property(p => p.Unit).HasMaxLength(12);
            person.HasIndex(p => p.Unit);
        });
        builder.Entity<IdentityUserClaim<string>>().ToTable("person_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("person_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("person_tokens");
        builder.Entity<RedeemedCode>(code =>
        {
            code.ToTable("redeemed_codes");
            code.HasKey(c => c.CodeId);
            code.Property(c => c.CodeId).HasMaxLength(64);
        });
    }
}

public sealed class PeopleDesignTimeDbContextFactory : DesignTimeDbContextFactory<PeopleDbContext>;
