using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Gateway.People;

public sealed record PersonRequest(string? UserName, string? DisplayName, string? Unit, List<string>? Roles, string? Password);

public sealed record PersonView(string PersonId, string UserName, string DisplayName, string Unit, string UnitName, IReadOnlyList<string> Roles,
    bool SecondFactor, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt)
{
    public static PersonView From(Person p) => new(p.Id, p.UserName ?? "", p.DisplayName, p.Unit, PlaceRegistry.Current.FullNameOf(p.Unit), p.Roles,
        p.TwoFactorEnabled, p.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, p.CreatedAt);
}

/// <summary>The second factor of a new approver: shown once, for their authenticator app.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

public sealed record PersonCreated(PersonView Person, AuthenticatorSetup? Authenticator);

/// <summary>
/// People and their roles, kept by administrators (<c>people.admin</c>) for the units inside their own;
/// auditors read them. A role is held at a unit of its level (a township caseworker at a township).
/// </summary>
public static class PeopleApi
{
    public const string Path = "/api/people";

    public static WebApplication MapPeopleApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAuditApi<PeopleDbContext>($"{Path}/audit");
        var group = app.MapGroup(Path).WithTags("People");
        group.MapGet("/", ListAsync).CountyCheckedByHandler("people of units inside the caller's unit").WithSummary("People of the caller's unit and below");
        group.MapPost("/", CreateAsync).CountyCheckedByHandler("a unit inside the caller's unit").WithSummary("Add a person with roles at a unit");
        group.MapPost("/{personId}/unlock", UnlockAsync).CountyCheckedByHandler("a person inside the caller's unit").WithSummary("End a lockout");
        return app;
    }

    /// <summary>Whether the caller administers <paramref name="unit"/>: their own unit or one inside it; a system client of the whole province, everything.</summary>
    private static bool Administers(Caller caller, string unit) =>
        caller.Unit is { } own ? PlaceRegistry.Current.IsInside(unit, own) : caller.AllCounties;

    private static async Task<Results<Ok<PagedList<PersonView>>, ValidationProblem>> ListAsync(
        HttpContext http, PeopleDbContext db, CancellationToken ct, string? unit = null, int page = 1, int pageSize = 50)
    {
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        if (unit is not null && !PlaceRegistry.Current.IsServedUnit(unit))
        {
            errors.Add("unit", "不是本省在用的单位代码。", "Not the code of a unit in force in this province.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var all = await db.Users.AsNoTracking().OrderBy(p => p.UserName).ToListAsync(ct);
        // A few thousand people at most: filtered by the place tree in memory.
        var visible = all.Where(p => Administers(caller, p.Unit)
                                     && (unit is null || PlaceRegistry.Current.IsInside(p.Unit, unit))).ToList();
        var items = visible.Skip((page - 1) * pageSize).Take(pageSize).Select(PersonView.From).ToList();
        return TypedResults.Ok(new PagedList<PersonView>(items, page, pageSize, visible.Count));
    }

    private static async Task<Results<Created<PersonCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PersonRequest request, HttpContext http, UserManager<Person> users, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var userName = errors.Text("userName", request.UserName, 64);
        if (userName is not null && !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("userName", "只能包含字母、数字和 - _ .。", "Letters, digits, '-', '_' and '.' only.");
        }

        var displayName = errors.PersonName("displayName", request.DisplayName);
        var unit = errors.Text("unit", request.Unit, 12);
        if (unit is not null && !PlaceRegistry.Current.IsServedUnit(unit))
        {
            errors.Add("unit", "不是本省在用的单位代码。", "Not the code of a unit in force in this province.");
            unit = null;
        }

        var roles = request.Roles?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (roles.Count == 0)
        {
            errors.Add("roles", $"至少一项，可选：{string.Join(", ", PlatformRoles.All.Select(r => r.Name))}。", $"At least one of: {string.Join(", ", PlatformRoles.All.Select(r => r.Name))}.");
        }

        for (var i = 0; i < roles.Count; i++)
        {
            if (unit is not null && PersonToken.RefusesRoleAt(roles[i], unit) is { } why)
            {
                errors.Add($"roles[{i}]", $"该角色不能在此单位担任：{why}。", $"This role cannot be held at this unit: {why}.");
            }
        }

        var password = errors.Text("password", request.Password, 128);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (!Administers(caller, unit!))
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "unit_not_permitted", "无权访问 / Forbidden",
                $"只能为本单位及下级单位添加人员，{unit} 不在其内。", $"People are added only to the caller's unit and those inside it; {unit} is not.");
        }

        var person = new Person { UserName = userName, DisplayName = displayName!, Unit = unit!, Roles = roles, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(person, password!);
        if (!created.Succeeded)
        {
            // The hasher's policy and the unique user name speak for themselves, in the field they concern.
            var identityErrors = new ValidationErrors();
            foreach (var error in created.Errors)
            {
                var field = error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "password";
                identityErrors.Add(field, error.Code == "DuplicateUserName" ? "用户名已被使用。" : "密码不符合要求（至少 10 位，含大小写字母、数字和符号）。", error.Description);
            }

            return ApiProblems.Validation(identityErrors.ToDictionary());
        }

        AuthenticatorSetup? authenticator = null;
        if (roles.Any(r => PlatformRoles.Find(r)!.NeedsSecondFactor))
        {
            await users.ResetAuthenticatorKeyAsync(person);
            var key = (await users.GetAuthenticatorKeyAsync(person))!;
            await users.SetTwoFactorEnabledAsync(person, true);
            authenticator = new AuthenticatorSetup(key, string.Create(CultureInfo.InvariantCulture,
                $"otpauth://totp/{Uri.EscapeDataString("社会救助平台:" + person.UserName)}?secret={key}&issuer={Uri.EscapeDataString("社会救助平台")}&digits=6"));
        }

        return TypedResults.Created($"{Path}/{person.Id}", new PersonCreated(PersonView.From(person), authenticator));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> UnlockAsync(string personId, HttpContext http, UserManager<Person> users)
    {
        var person = await users.FindByIdAsync(personId);
        var caller = Caller.Of(http);
        if (person is null || !Administers(caller, person.Unit))
        {
            return ApiProblems.NotFound("person_not_found", "没有这个人员。", "No such person.");
        }

        await users.SetLockoutEndDateAsync(person, null);
        await users.ResetAccessFailedCountAsync(person);
        return TypedResults.Ok(PersonView.From(person));
    }
}
