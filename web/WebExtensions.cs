using ReliefPlatform.ServiceDefaults.Security;
using MudBlazor.Services;
using ReliefPlatform.Web.Components;
using ReliefPlatform.Web.Console;

namespace ReliefPlatform.Web;

/// <summary>
/// The reference web frontend (issue 20): the public site at <c>/</c> and the staff console at <c>/console</c>. It holds no data
/// of its own and calls only the gateway's public APIs, as any frontend team's app would.
/// </summary>
public static class WebExtensions
{
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        // The packages' assets (MudBlazor's _content) as the build laid them out, in every environment: the
        // platform runs its services as Production from the build output; a published app has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        // The console's sign-in cookie opens in whichever replica a request reaches (issue 23).
        builder.AddSharedDataProtection("reliefplatform-web");
        builder.Services.AddRazorComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<UiLanguage>();
        builder.Services.AddCascadingAuthenticationState();
        builder.AddConsoleSignIn();
        // The gateway, found by service discovery; every call is one a browser's app could make.
        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = new Uri(builder.Configuration["Web:Gateway"] ?? "http://gateway"));
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapConsoleSignIn();
        app.MapGet("/language/{code}", (string code, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(UiLanguage.Cookie, code == "en" ? "en" : "zh", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/");
        });
        // The build's static asset manifest: wwwroot and the packages' _content (MudBlazor's styles), with caching headers.
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
