using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Web;

/// <summary>
/// The staff console in a real browser (issue 20): people sign in through the gateway (authorization code +
/// PKCE as dev-console), and every page calls the APIs with their token, so their scopes and units decide
/// what they see. The journeys use 灵溪街道 (361102006), a township no other test works in, so its queue is theirs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConsoleJourneys(PlatformFixture platform)
{
    private const string Township = "361102006";
    private const string Password = "Console-2026-pass!";

    private Uri Site => platform.App.GetEndpoint(ResourceNames.Gateway, "http");

    [Fact]
    public async Task A_caseworker_finds_the_application_in_the_queue_and_investigates_then_the_approver_approves_after_the_disclosure()
    {
        var caseworker = await NewPersonAsync("township-caseworker", Township);
        var approver = await NewPersonAsync("township-approver", Township);
        var (applicationId, name) = await SubmitAsync();
        var driver = new ProcedureDriver(platform);
        var determinationId = ProcedureDriver.IdOf(await driver.CaseAsync(applicationId));

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(Site);
        await SignInAsync(page, caseworker);
        var link = page.Locator($"[data-testid=work-items] a[href='/console/cases/{determinationId}']");
        await Assertions.Expect(link).ToHaveTextAsync("入户调查");
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "console-queue");

        await link.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=stage]")).ToHaveAttributeAsync("data-stage", "investigation");
        await page.GetByLabel("调查人员（两人以上，用逗号分开）").FillAsync("王五，赵六");
        await page.GetByLabel("调查情况").FillAsync("家中无贵重物品，申请人在家，情况与申报基本一致。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交调查结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=stage]")).ToHaveAttributeAsync("data-stage", "disclosure");
        await Assertions.Expect(page.Locator("[data-testid=proposal]")).ToContainTextAsync("R");
        await BrowserSession.ScreenshotAsync(page, "console-case-investigated");

        // The approver decides once the seven days of disclosure are over (the procedure's clock moved with X-Test-Clock).
        var disclosed = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/determinations/{determinationId}");
        var approverPage = await browser.NewPageAsync(Site, headers: new Dictionary<string, string>
        {
            [ProcedureDriver.TestClock] = ProcedureDriver.AfterDisclosure(disclosed).ToString("O", CultureInfo.InvariantCulture),
        });
        await SignInAsync(approverPage, approver);
        await approverPage.GotoAsync($"/console/cases/{determinationId}");
        await approverPage.GetByLabel("审批决定", new() { Exact = true }).SelectOptionAsync("approve");
        await approverPage.GetByRole(AriaRole.Button, new() { Name = "提交审批决定" }).ClickAsync();
        await Assertions.Expect(approverPage.Locator("[data-testid=stage]")).ToHaveAttributeAsync("data-stage", "approved");
        await BrowserSession.ScreenshotAsync(approverPage, "console-case-approved");

        var decided = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/determinations/{determinationId}");
        Assert.Equal("approved", decided.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Equal("控制台测试", decided.GetProperty("decisions")[0].GetProperty("by").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_officer_of_another_county_cannot_open_the_case_nor_see_it_in_a_list()
    {
        var stranger = await NewPersonAsync("county-approver", "361103");
        var (applicationId, name) = await SubmitAsync();
        var determinationId = ProcedureDriver.IdOf(await new ProcedureDriver(platform).CaseAsync(applicationId));

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(Site);
        await SignInAsync(page, stranger);
        await page.GotoAsync($"/console/cases/{determinationId}");
        await Assertions.Expect(page.Locator("[data-testid=problem]")).ToBeVisibleAsync();
        Assert.Contains(await page.Locator("[data-testid=problem]").GetAttributeAsync("data-status"), new[] { "403", "404" });
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "console-other-county-refused");

        await page.GotoAsync("/console/cases");
        await Assertions.Expect(page.Locator("[data-testid=cases]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"[data-testid=cases] a[href='/console/cases/{determinationId}']").CountAsync());
    }

    [Fact]
    public async Task Without_signing_in_the_console_sends_the_browser_to_the_gateways_sign_in_page()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(Site);
        await page.GotoAsync("/console/finance");
        Assert.StartsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("用户名 / User name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Finance_supervision_relief_and_leads_pages_show_what_the_persons_token_reaches_with_a_chart_of_the_figures()
    {
        // MudBlazor's styles are served in Production too (the build's static asset manifest).
        using (var anonymous = platform.AnonymousGateway())
        using (var css = await anonymous.GetAsync("/_content/MudBlazor/MudBlazor.min.css"))
        {
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        }

        await using var browser = await BrowserSession.StartAsync();
        var pages = new (string UserName, string Path, string TestId, string Screenshot)[]
        {
            (DevelopmentPeople.Finance, "/console/finance", "batches", "console-finance"),
            (DevelopmentPeople.Supervisor, "/console/supervision", "flags", "console-supervision"),
            (DevelopmentPeople.Caseworker, "/console/relief", "relief-cases", "console-relief"),
            (DevelopmentPeople.Caseworker, "/console/leads", "leads", "console-leads"),
        };
        foreach (var (userName, path, testId, screenshot) in pages)
        {
            var page = await browser.NewPageAsync(Site);
            await SignInAsync(page, new Person(userName, null, DevelopmentPeople.Password));
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator($"[data-testid={testId}]")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
            if (path == "/console/supervision")
            {
                // MudBlazor's chart, drawn as SVG on the server: no hand-drawn image.
                await Assertions.Expect(page.Locator("[data-testid=figures-chart] svg").First).ToBeVisibleAsync();
            }

            await BrowserSession.ScreenshotAsync(page, screenshot);
        }
    }

    private sealed record Person(string UserName, string? AuthenticatorKey, string Password = Password);

    /// <summary>A new person of <paramref name="role"/> at <paramref name="unit"/>, who signs in with the console's test password.</summary>
    private async Task<Person> NewPersonAsync(string role, string unit)
    {
        var (userName, key) = await new ProcedureDriver(platform).CreatePersonAsync(role, unit, Password, "控制台测试");
        return new Person(userName, key);
    }

    /// <summary>A dibao application of 灵溪街道, through the API; its applicant's name.</summary>
    private async Task<(Guid ApplicationId, string Name)> SubmitAsync()
    {
        var application = ApplicationRequests.Dibao(TestIds.New("361102"), "361102", TestIds.New("361102"));
        application["residenceTownship"] = Township;
        var applicationId = await new ProcedureDriver(platform).SubmitAsync(application);
        var applicant = JsonSerializer.SerializeToElement(application["applicant"]);
        return (applicationId, applicant.GetProperty("name").GetString()!);
    }

    /// <summary>Opens the console, signs in on the gateway's page (and with the authenticator's code where the role needs it), and is back in the console.</summary>
    private async Task SignInAsync(IPage page, Person person)
    {
        try
        {
            await SignInOnPageAsync(page, person);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // The whole logs of both sides, as artifacts beside the screenshots.
            var folder = Path.Combine(Repository.Root(), "artifacts", "logs");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "web.log"), platform.LogsOf(ResourceNames.Web));
            await File.WriteAllTextAsync(Path.Combine(folder, "gateway.log"), platform.LogsOf(ResourceNames.Gateway));
            await BrowserSession.ScreenshotAsync(page, "console-sign-in-failed");
            throw new InvalidOperationException($"Signing {person.UserName} in stopped at {page.Url}; the logs are in {folder}", e);
        }
    }

    private static async Task SignInOnPageAsync(IPage page, Person person)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("用户名 / User name").FillAsync(person.UserName);
        await page.GetByLabel("密码 / Password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录 / Sign in" }).ClickAsync();
        if (person.AuthenticatorKey is { } key)
        {
            await page.GetByLabel("身份验证器中的 6 位验证码", new() { Exact = false }).FillAsync(PersonSignIn.CurrentCode(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "登录 / Sign in" }).ClickAsync();
        }

        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToBeVisibleAsync();
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
    }
}
