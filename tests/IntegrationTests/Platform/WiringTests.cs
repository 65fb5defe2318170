using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>The smoke flow: gateway → intake (row + outbox) → RabbitMQ → every other service (inbox + row) → gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WiringTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_resource_is_healthy_and_the_gateway_answers()
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var names = model.Resources.Select(r => r.Name).ToHashSet();
        foreach (var expected in new[]
                 {
                     ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Cache, ResourceNames.Gateway,
                     ResourceNames.IntakeDb, ResourceNames.EligibilityDb, ResourceNames.ReliefDb, ResourceNames.PaymentsDb, ResourceNames.NotificationDb, ResourceNames.OversightDb,
                     ResourceNames.Intake, ResourceNames.Eligibility, ResourceNames.Relief, ResourceNames.Payments, ResourceNames.Notification, ResourceNames.Oversight,
                 })
        {
            Assert.Contains(expected, names);
        }

        var health = await platform.Gateway.GetStringAsync("/health");
        Assert.Equal("Healthy", health);

        // Each service's own readiness, outbox included (issue 24): Healthy, not Degraded, on a platform at work.
        foreach (var service in new[] { ResourceNames.Intake, ResourceNames.Eligibility, ResourceNames.Relief, ResourceNames.Payments, ResourceNames.Notification, ResourceNames.Oversight })
        {
            using var client = platform.App.CreateHttpClient(service);
            Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        }
    }

    [Fact]
    public async Task A_probe_posted_to_intake_reaches_every_other_service_through_the_outbox_and_rabbitmq()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/diagnostics/probes")
        {
            Content = JsonContent.Create(new { note = "smoke" }),
        };
        request.Headers.Add("X-Correlation-Id", "smoke-test-1");
        using var response = await platform.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("smoke-test-1", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        var sent = await response.Content.ReadFromJsonAsync<JsonElement>();
        var probeId = sent.GetProperty("probeId").GetGuid();
        Assert.Equal($"/api/intake/diagnostics/probes/{probeId}", response.Headers.Location?.OriginalString);

        foreach (var service in new[] { ResourceNames.Eligibility, ResourceNames.Relief, ResourceNames.Payments, ResourceNames.Notification, ResourceNames.Oversight })
        {
            var received = await Eventually.GetJsonAsync(platform.Gateway, $"{ResourceNames.ApiPrefix(service)}/diagnostics/probes/{probeId}");
            Assert.Equal(service, received.GetProperty("service").GetString());
            Assert.Equal("received", received.GetProperty("direction").GetString());
            Assert.Equal("smoke", received.GetProperty("note").GetString());
            // One correlation id from the first request to the last consumer.
            Assert.Equal("smoke-test-1", received.GetProperty("correlationId").GetString());
        }
    }

    [Fact]
    public async Task An_invalid_probe_gets_a_bilingual_problem_naming_the_field_and_nothing_is_sent()
    {
        using var response = await platform.Gateway.PostAsJsonAsync("/api/intake/diagnostics/probes", new { note = new string('x', 201) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("note").EnumerateArray()).GetString();
        Assert.Contains("200", message, StringComparison.Ordinal);
        Assert.Contains("备注", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_probe_is_a_404_problem_not_an_error()
    {
        using var response = await platform.Gateway.GetAsync($"/api/relief/diagnostics/probes/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("probe_not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await platform.Gateway.PostAsync("/api/intake/diagnostics/probes", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
