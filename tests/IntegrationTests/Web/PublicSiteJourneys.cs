using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;
using Aspire.Hosting.Testing;

namespace ReliefPlatform.IntegrationTests.Web;

/// <summary>The public site in a real browser, through the gateway (issue 20): applying online, following it, the public lists.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicSiteJourneys(PlatformFixture platform)
{
    private Uri Site => platform.App.GetEndpoint(ResourceNames.Gateway, "http");

    [Fact]
    public async Task A_person_applies_online_from_a_phone_sees_the_field_errors_then_gets_a_tracking_code_and_follows_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(Site, phone: true);
        await page.GotoAsync("/apply?county=361102&channel=qr-code");
        await Assertions.Expect(page.GetByLabel("居住地县（市、区）代码")).ToHaveValueAsync("361102");

        // A mistyped identity number: the API's message appears next to the field, nothing is stored.
        var applicant = TestIds.New("361102");
        await page.GetByLabel("申请人姓名", new() { Exact = true }).FillAsync("王小红");
        await page.GetByLabel("身份证号码", new() { Exact = true }).FillAsync(applicant[..^1] + (applicant[^1] == '1' ? "2" : "1"));
        await page.GetByLabel("联系电话").FillAsync("13912345678");
        await page.GetByLabel("签署授权书：请输入申请人姓名作为电子签名").FillAsync("王小红");
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='applicant.idNumber']")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "apply-field-error");

        await page.GetByLabel("身份证号码", new() { Exact = true }).FillAsync(applicant);
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var code = (await page.Locator("[data-testid=tracking-code]").TextContentAsync())!.Trim();
        Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", code);
        await BrowserSession.ScreenshotAsync(page, "apply-tracking-code");

        // The application is in intake, online by QR code, and its code finds it.
        var list = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications?idNumber={applicant}");
        Assert.Equal("qr-code", list.GetProperty("items")[0].GetProperty("channel").GetString());

        await page.GotoAsync($"/track/{code}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).Not.ToBeEmptyAsync();
        await BrowserSession.ScreenshotAsync(page, "track");
    }

    [Fact]
    public async Task The_public_list_shows_an_approved_household_masked_and_the_county_page_its_hotline_in_english_too()
    {
        var driver = new ProcedureDriver(platform);
        var (staff, countyApprover) = await driver.NewStaffAsync("361102001");
        using var staffClients = staff;
        using var approverClient = countyApprover;
        var applicant = TestIds.New("361102");
        var application = ApplicationRequests.Dibao(applicant, "361102", TestIds.New("361102"));
        application["residenceTownship"] = "361102001";
        await driver.EnrolAsync(application, staff);
        var masked = $"{applicant[..6]}********{applicant[^4..]}";

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(Site);
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync("/disclosure?unit=361102001");
            return await page.Locator("[data-testid=recipients]").GetByText(masked).CountAsync() == 1;
        }, "the household on the township's public list");
        Assert.DoesNotContain(applicant, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "disclosure");

        await page.GotoAsync("/policies?county=361102");
        await Assertions.Expect(page.GetByText("服务热线")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Service hotline")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "policies-en");
    }
}
