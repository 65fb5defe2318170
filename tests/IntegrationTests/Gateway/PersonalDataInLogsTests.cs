using System.Net;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// Personal data out of logs (issue 14): PostgreSQL wrote full ID numbers in the DETAIL of unique
/// violations, the gateway's access log missed numbers with a percent-encoded digit, and a forged
/// correlation id was logged verbatim on requests refused at the edge.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PersonalDataInLogsTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_unique_violation_leaves_no_id_number_in_the_database_log()
    {
        var person = TestIds.New();
        // Concurrent submissions for one person: all but one meet the R20 unique index.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => platform.Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(person))));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var logs = await Eventually.ReturnsAsync<string>(() => Task.FromResult<string?>(platform.LogsOf(ResourceNames.Postgres)), l => l!.Contains("duplicate key", StringComparison.Ordinal),
            "the violation in the database log", TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(person, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(person[..17], logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_log_masks_encoded_numbers_and_drops_forged_correlation_ids()
    {
        var person = TestIds.New();
        var encoded = "%" + ((int)person[0]).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + person[1..];
        using (var read = await platform.Gateway.GetAsync($"/api/payments/payments?idNumber={encoded}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        const string forged = "forged<script>13912345678";
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications")
        {
            Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } },
        };
        tooLarge.Headers.TryAddWithoutValidation("X-Correlation-Id", forged);
        using (var refused = await platform.Gateway.SendAsync(tooLarge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        }

        var logs = await Eventually.ReturnsAsync<string>(() => Task.FromResult<string?>(platform.LogsOf(ResourceNames.Gateway)), l => l!.Contains(" 413 ", StringComparison.Ordinal) && l.Contains(person[..6] + "********", StringComparison.Ordinal),
            "both requests in the access log", TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(person, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", logs, StringComparison.Ordinal);
    }
}
