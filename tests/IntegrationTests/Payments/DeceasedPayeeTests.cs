using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Payments;

/// <summary>The right person only (issue 18): a payee reported deceased by a department's feed is paid nothing more until a review.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeceasedPayeeTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> PaymentAsync(string reference, string status) =>
        (await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == status),
            $"the payment to be {status}")).GetProperty("items")[0];

    private async Task<GrantApproved> GrantAsync(string payee)
    {
        // 余干县 has no temporary-assistance money in the tests: the payment waits, unfunded, where a hold can reach it.
        var grant = new GrantApproved(Guid.NewGuid(), Guid.NewGuid(), null, $"temporary-assistance:{Guid.NewGuid()}:1", payee, "张三", "361127", "temporary-assistance", 700m, DateTimeOffset.UtcNow);
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        return grant;
    }

    [Fact]
    public async Task A_payee_reported_deceased_is_paid_nothing_more_until_a_review_releases_the_hold()
    {
        var payee = TestIds.New("361127");
        var first = await GrantAsync(payee);
        await PaymentAsync(first.EntitlementReference, "unfunded");

        using (var feed = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/public-security", new { records = new[] { new { idNumber = payee, name = "张三", signal = "deceased" } } }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, feed);
        }

        await PaymentAsync(first.EntitlementReference, "held");
        var later = await GrantAsync(payee); // instructed after the report: held from the start
        await PaymentAsync(later.EntitlementReference, "held");

        using (var byClient = await Gateway.PostAsJsonAsync($"/api/payments/payees/{payee}/hold/release", new { reason = "复核：报送有误" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Forbidden, byClient); // a reviewer's act, not a system's
        }

        using var finance = await new ProcedureDriver(platform).NewPersonAsync("county-finance", "361127");
        using var released = await finance.PostAsJsonAsync($"/api/payments/payees/{payee}/hold/release", new { reason = "经核实本人健在，公安报送有误" });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, released);
        Assert.Equal(2, (await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentsReleased").GetInt32());
        await PaymentAsync(first.EntitlementReference, "unfunded");
        await PaymentAsync(later.EntitlementReference, "unfunded");
    }
}
