using Microsoft.AspNetCore.Identity;
using ReliefPlatform.Contracts;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Gateway.People;

public static class PeopleExtensions
{
    /// <summary>
    /// People in the gateway's own database (<c>identitydb</c>): ASP.NET Core Identity's password hasher,
    /// lockout (five failures, fifteen minutes) and authenticator (TOTP) second factor; a session cookie
    /// only for the sign-in pages and <c>/connect/authorize</c> (APIs take bearer tokens only).
    /// </summary>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<PeopleDbContext>(ResourceNames.IdentityDb);
        builder.Services.AddIdentityCore<Person>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 10;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PeopleDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddAntiforgery();
        builder.Services.AddHostedService<DevelopmentPeople>();
        return builder;
    }
}
