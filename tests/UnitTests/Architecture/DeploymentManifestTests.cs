using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ReliefPlatform.UnitTests.Architecture;

/// <summary>
/// The Kubernetes deployment under deploy/ (issue 23), rendered with <c>kubectl kustomize</c> as an installation
/// would, and checked structurally: probes, limits, autoscaling and disruption budgets for every Deployment,
/// images pinned, no secret written into a manifest, the migrations Job, and network policies that let only
/// the gateway in.
/// </summary>
public sealed class DeploymentManifestTests
{
    private static readonly string[] Platform = ["intake", "eligibility", "relief", "payments", "notification", "oversight", "gateway", "web"];

    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    private static List<YamlMappingNode> Render(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Root(), "deploy", "overlays", overlay)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start (eng/install-prerequisites.sh installs it).");
        var output = kubectl.StandardOutput.ReadToEnd();
        var error = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {overlay} failed: {error}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    private static string? Text(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return (node as YamlScalarNode)?.Value;
    }

    private static YamlNode? Node(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    private static IEnumerable<YamlMappingNode> OfKind(List<YamlMappingNode> documents, string kind) => documents.Where(d => Text(d, "kind") == kind);

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) =>
        ((Node(workload, "spec", "template", "spec", "containers") as YamlSequenceNode)?.Children ?? []).Cast<YamlMappingNode>();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_has_readiness_and_liveness_probes_requests_limits_and_a_pinned_image(string overlay)
    {
        var deployments = OfKind(Render(overlay), "Deployment").ToList();
        Assert.Equal(Platform.Order(), deployments.Select(d => Text(d, "metadata", "name")!).Order());
        foreach (var container in deployments.SelectMany(Containers))
        {
            var name = Text(container, "name");
            Assert.Equal("/health", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", Text(container, "livenessProbe", "httpGet", "path"));
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.False(string.IsNullOrEmpty(Text(container, "resources", "limits", resource)), $"{name}: no {resource} limit");
                Assert.False(string.IsNullOrEmpty(Text(container, "resources", "requests", resource)), $"{name}: no {resource} request");
            }

            var image = Text(container, "image")!;
            var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image.Split(':').ElementAtOrDefault(1);
            Assert.False(tag is null or "latest", $"{name}: image {image} is not pinned");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_is_written_into_a_manifest_and_credentials_come_only_from_secret_references(string overlay)
    {
        var documents = Render(overlay);
        Assert.Empty(OfKind(documents, "Secret"));
        var containers = documents.Where(d => Text(d, "kind") is "Deployment" or "Job" or "StatefulSet").SelectMany(Containers);
        foreach (var variable in containers.SelectMany(c => ((Node(c, "env") as YamlSequenceNode)?.Children ?? []).Cast<YamlMappingNode>()))
        {
            var name = Text(variable, "name")!;
            if (name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.Contains("Password", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("Key", StringComparison.Ordinal) || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Null(Text(variable, "value"));
                Assert.NotNull(Text(variable, "valueFrom", "secretKeyRef", "name"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_autoscales_on_cpu_keeps_a_disruption_budget_and_never_migrates_while_a_job_does(string overlay)
    {
        var documents = Render(overlay);
        foreach (var service in Platform)
        {
            var hpa = OfKind(documents, "HorizontalPodAutoscaler").Single(h => Text(h, "spec", "scaleTargetRef", "name") == service);
            Assert.Equal("cpu", Text(((YamlSequenceNode)Node(hpa, "spec", "metrics")!).Children[0], "resource", "name"));
            Assert.Single(OfKind(documents, "PodDisruptionBudget"), p => Text(p, "spec", "selector", "matchLabels", "app.kubernetes.io/name") == service);
        }

        string? Migrations(YamlMappingNode container) => ((Node(container, "env") as YamlSequenceNode)?.Children ?? []).Cast<YamlMappingNode>()
            .FirstOrDefault(v => Text(v, "name") == "Database__Migrations") is { } v ? Text(v, "value") : null;
        Assert.All(OfKind(documents, "Deployment").Where(d => Text(d, "metadata", "name") != "web").SelectMany(Containers), c => Assert.Equal("none", Migrations(c)));
        var job = Assert.Single(OfKind(documents, "Job"));
        Assert.Equal(7, Containers(job).Count());
        Assert.All(Containers(job), c => Assert.Equal("only", Migrations(c)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Network_policies_deny_by_default_and_let_only_the_gateway_reach_the_services(string overlay)
    {
        var policies = OfKind(Render(overlay), "NetworkPolicy").ToList();
        var deny = Assert.Single(policies, p => Text(p, "metadata", "name") == "default-deny-ingress");
        Assert.Empty(((YamlMappingNode)Node(deny, "spec", "podSelector")!).Children);
        var services = Assert.Single(policies, p => Text(p, "metadata", "name") == "services-from-gateway");
        var from = (YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Node(services, "spec", "ingress")!).Children[0]).Children[new YamlScalarNode("from")];
        Assert.Equal("gateway", Text(Assert.Single(from.Children), "podSelector", "matchLabels", "app.kubernetes.io/name"));
    }

    [Fact]
    public void Production_runs_the_infrastructure_through_the_operators_with_three_brokers_quorum_queues_and_backups()
    {
        var documents = Render("prod");
        var postgres = Assert.Single(OfKind(documents, "Cluster"));
        Assert.Equal("3", Text(postgres, "spec", "instances"));
        Assert.NotNull(Node(postgres, "spec", "backup", "barmanObjectStore"));
        Assert.Single(OfKind(documents, "ScheduledBackup"));
        Assert.Equal(7, OfKind(documents, "Database").Count());
        var rabbit = Assert.Single(OfKind(documents, "RabbitmqCluster"));
        Assert.Equal("3", Text(rabbit, "spec", "replicas"));
        Assert.Contains("default_queue_type = quorum", Text(rabbit, "spec", "rabbitmq", "additionalConfig"), StringComparison.Ordinal);
        Assert.Equal("true", Text(OfKind(documents, "ConfigMap").Single(), "data", "Messaging__QuorumQueues"));
        var redis = Assert.Single(OfKind(documents, "StatefulSet"));
        Assert.Contains("--appendonly", ((YamlSequenceNode)Node(Containers(redis).Single(), "args")!).Children.Select(a => ((YamlScalarNode)a).Value));
    }
}
