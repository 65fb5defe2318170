using Microsoft.Extensions.Configuration;
using System.Globalization;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.AppHost;

public static class PlatformServiceExtensions
{
    /// <summary>Configuration key of the gateway's fixed local port; 0 lets the orchestrator choose (tests).</summary>
    public const string GatewayPortKey = "Gateway:Port";
    public const int DefaultGatewayPort = 5080;

    /// <summary>
    /// Configuration key: how many processes of each service, the gateway and the web frontend to run (issue 23; 1 by default).
    /// The orchestrator's proxy spreads requests over them; queues are shared, singular jobs are leader-elected.
    /// </summary>
    public const string ReplicasKey = "Platform:Replicas";

    /// <summary>
    /// Configuration key: the memory of the container each process would have, in MB (issue 22; unset by default). The
    /// GC then keeps its heap within 75 % of it, as .NET does by itself inside a container with that memory limit, so a
    /// local run or a benchmark measures the platform as a cluster would run it.
    /// </summary>
    public const string ProcessMemoryKey = "Platform:ProcessMemoryMb";

    /// <summary>
    /// How many processes run the resource (<see cref="ReplicasKey"/>) and the memory each may have
    /// (<see cref="ProcessMemoryKey"/>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformScale(this IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var configuration = project.ApplicationBuilder.Configuration;
        if (configuration.GetValue(ProcessMemoryKey, 0) is > 0 and var megabytes)
        {
            project.WithEnvironment("DOTNET_GCHeapHardLimit", (megabytes * 1024L * 1024L * 3 / 4).ToString("X", CultureInfo.InvariantCulture));
        }

        var replicas = configuration.GetValue(ReplicasKey, 1);
        return replicas > 1 ? project.WithReplicas(replicas) : project;
    }

    /// <summary>
    /// A service with its own database, the broker and the shared cache (idempotency keys), started once they answer. Its HTTP port is
    /// allocated per run (no launch profile), so two runs side by side never collide.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, PlatformInfrastructure infrastructure, string database)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var db = infrastructure.Database(database);
        return builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .FromBuiltOutput()
            .WithPlatformScale()
            .WithHttpEndpoint()
            .WithWatchfulHttpHealthCheck(ServiceDefaultsPaths.Health)
            .WithReference(db).WaitFor(db)
            .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
            .WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache);
    }

    /// <summary>AppHost setting: the folder where payments and the bank exchange files (tests read it); a folder of the run by default.</summary>
    public const string BankFolderKey = "Payments:Bank:Folder";

    /// <summary>
    /// Payments' settings of a local run (issue 18): the secret payee account numbers are encrypted and
    /// hashed with — a parameter generated once and persisted in the AppHost's user secrets, set from a
    /// secret store elsewhere (<c>Parameters:payments-account-key</c>), never in the repository — and the
    /// file-drop bank connector on folders of the run, with the sandbox bank answering on their other
    /// side, which only a local run or a test asks for.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPaymentsSettings(this IResourceBuilder<ProjectResource> payments, PlatformInfrastructure infrastructure)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(infrastructure);
        var key = payments.ApplicationBuilder.AddParameter("payments-account-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
        var folder = payments.ApplicationBuilder.Configuration[BankFolderKey] is { Length: > 0 } configured ? configured : infrastructure.Files("bank");
        return payments.WithEnvironment("Payments__Accounts__Key", key)
            .WithEnvironment("Payments__Bank__Connector", "file-drop")
            .WithEnvironment("Payments__Bank__Outgoing", System.IO.Path.Combine(folder, "outgoing"))
            .WithEnvironment("Payments__Bank__Incoming", System.IO.Path.Combine(folder, "incoming"))
            .WithEnvironment("Payments__Bank__Sandbox", "true");
    }

    /// <summary>AppHost setting that lets webhook callbacks point at loopback and private addresses (local runs: <c>run.sh</c> sets it).</summary>
    public const string PrivateWebhookAddressesKey = "Notifications:AllowPrivateWebhookAddresses";

    /// <summary>Passes <see cref="PrivateWebhookAddressesKey"/> to notification; off unless the AppHost's configuration says otherwise.</summary>
    public static IResourceBuilder<ProjectResource> WithPrivateWebhookAddresses(this IResourceBuilder<ProjectResource> notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var allowed = notification.ApplicationBuilder.Configuration[PrivateWebhookAddressesKey] is { } value
            && bool.TryParse(value, out var parsed) && parsed;
        return notification.WithEnvironment("Notifications__Webhooks__AllowPrivateAddresses", allowed ? "true" : "false");
    }

    /// <summary>
    /// A dashboard button that POSTs to one of the resource's APIs as the AppHost's operator client (its token, a JSON
    /// body if any): the service checks the scope and county like any caller's, and the answer shows on the dashboard.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithOperatorCommand(
        this IResourceBuilder<ProjectResource> resource, PlatformIdentity identity, string path, string displayName, string name,
        string description, string icon, Func<object>? body = null) =>
        resource.WithHttpCommand(path, displayName, commandName: name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            Description = description,
            IconName = icon,
            PrepareRequest = async context =>
            {
                if (body is not null)
                {
                    context.Request.Content = System.Net.Http.Json.JsonContent.Create(body());
                }

                await identity.AuthorizeAsync(context.Request, context.CancellationToken);
            },
        });

    public const string MonthlyRunCommand = "monthly-run";

    /// <summary>A dashboard button on eligibility that issues this month's entitlements (R11); running it twice issues once.</summary>
    public static IResourceBuilder<ProjectResource> WithMonthlyRunCommand(this IResourceBuilder<ProjectResource> eligibility, PlatformIdentity identity) =>
        eligibility.WithOperatorCommand(identity, "/api/eligibility/monthly-runs", "Issue this month's entitlements (R11)", MonthlyRunCommand,
            "Issues the current month's entitlements of every active and gradual-exit recipient to payments, once per recipient.", "CalendarLtr",
            () => new { });

    public const string OneTimeSubsidyCommand = "one-time-subsidy";

    /// <summary>
    /// A dashboard button on relief that starts (or resumes) the R12 one-time living subsidy for June
    /// of the current year, with the notice's 15 July deadline; starting it again changes nothing.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOneTimeSubsidyCommand(this IResourceBuilder<ProjectResource> relief, PlatformIdentity identity) =>
        relief.WithOperatorCommand(identity, "/api/relief/campaigns/one-time-living-subsidy", "Start the one-time living subsidy (R12)", OneTimeSubsidyCommand,
            "Pays every dibao household, tekun person, orphan and unsupported child its June payment once, by 15 July.", "Money",
            () =>
            {
                var year = DateTime.UtcNow.AddHours(8).Year;
                return new { referenceMonth = $"{year}-06", deadline = $"{year}-07-15", createdBy = "dashboard" };
            });

    public const string ReplayDeadLettersCommand = "replay-dead-letters";

    /// <summary>
    /// A dashboard button on a service that moves its dead letters (messages that failed after their retries) back to
    /// the queues they failed in, once the cause is mended (runbook, issue 24). Its inbox keeps a replay from acting twice.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplayDeadLettersCommand(this IResourceBuilder<ProjectResource> service, PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.WithOperatorCommand(identity, $"{ResourceNames.ApiPrefix(service.Resource.Name)}/operations/dead-letters/replay", "Replay dead letters",
            ReplayDeadLettersCommand, "Moves every message of this service's _error queues back to its queue, after the cause of the failures is mended.", "ArrowRepeatAll");
    }

    public const string BankRoundCommand = "bank-round";

    /// <summary>A dashboard button on payments: read the bank's statements and submit waiting batches now ("reconcile now").</summary>
    public static IResourceBuilder<ProjectResource> WithBankRoundCommand(this IResourceBuilder<ProjectResource> payments, PlatformIdentity identity) =>
        payments.WithOperatorCommand(identity, "/api/payments/operations/bank-round", "Reconcile with the bank now", BankRoundCommand,
            "Reads the bank's statements (settled, failed, returned payments) and submits waiting batches without waiting for the next round.", "ArrowSync");

    /// <summary>The YARP gateway: the one door of the platform, on a stable local port.</summary>
    public static IResourceBuilder<ProjectResource> AddGateway<TProject>(
        this IDistributedApplicationBuilder builder, IReadOnlyList<IResourceBuilder<ProjectResource>> services, PlatformInfrastructure infrastructure, PlatformIdentity identity)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(services);
        var port = int.TryParse(builder.Configuration[GatewayPortKey], NumberStyles.Integer, CultureInfo.InvariantCulture, out var configured)
            ? configured
            : DefaultGatewayPort;

        var gateway = builder.AddProject<TProject>(ResourceNames.Gateway, options => options.ExcludeLaunchProfile = true)
            .FromBuiltOutput()
            .WithPlatformScale()
            .WithHttpEndpoint(port: port == 0 ? null : port)
            .WithExternalHttpEndpoints()
            .WithWatchfulHttpHealthCheck(ServiceDefaultsPaths.Health);
        ArgumentNullException.ThrowIfNull(infrastructure);
        var people = infrastructure.Database(ResourceNames.IdentityDb);
        gateway.WithReference(people).WaitFor(people)
            .WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache);
        ArgumentNullException.ThrowIfNull(identity);
        identity.Configure(gateway, infrastructure.Files("identity"));
        foreach (var service in services)
        {
            // Started beside the services, not after them (issue 22, target 4: the start was the services' start plus
            // the gateway's, 6 s of it); it reports healthy once every service has answered it (UpstreamsReadyHealthCheck).
            gateway.WithReference(service);
            // Services verify tokens against the gateway's signing keys (read from its discovery document).
            service.WithEnvironment("Identity__Authority", gateway.GetEndpoint("http"));
        }

        return gateway;
    }
}

/// <summary>The reference web frontend (issue 20).</summary>
public static class WebFrontendExtensions
{
    /// <summary>
    /// The web frontend behind the gateway: the gateway routes every path no API claims to it, and it calls
    /// the gateway's public address like any browser app (no private path to the services).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddWebFrontend<TProject>(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, PlatformInfrastructure infrastructure, PlatformIdentity identity)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(identity);
        var web = builder.AddProject<TProject>(ResourceNames.Web, options => options.ExcludeLaunchProfile = true)
            .FromBuiltOutput()
            .WithPlatformScale()
            .WithHttpEndpoint()
            .WithWatchfulHttpHealthCheck(ServiceDefaultsPaths.Health)
            .WithEnvironment("Web__Gateway", gateway.GetEndpoint("http"))
            .WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache);
        identity.WithSharedDataProtection(web);
        // The web server calls the public APIs for its visitors from this machine: the gateway believes the
        // visitor's address it forwards (X-Forwarded-For), so each visitor has their own per-address limit.
        gateway.WithReference(web)
            .WithEnvironment("Gateway__TrustedProxies__0", "127.0.0.1")
            .WithEnvironment("Gateway__TrustedProxies__1", "::1");
        return web;
    }
}

/// <summary>The health paths ServiceDefaults maps in every service.</summary>
internal static class ServiceDefaultsPaths
{
    public const string Health = "/health";
}
