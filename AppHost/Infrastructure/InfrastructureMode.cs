namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>How the AppHost runs PostgreSQL, RabbitMQ and Redis.</summary>
public enum InfrastructureMode
{
    /// <summary>Aspire's usual container integrations (Docker or Podman).</summary>
    Containers,

    /// <summary>Debian's packages, run as local processes under Aspire's orchestrator.</summary>
    Local,
}

/// <summary>The outcome of choosing a mode: a mode, or the reason the AppHost cannot start.</summary>
public sealed record InfrastructureChoice(InfrastructureMode? Mode, string Reason)
{
    public bool CanStart => Mode is not null;
}

/// <summary>
/// Chooses the infrastructure mode from <c>Infra:Mode</c> (<c>auto</c>, <c>containers</c>, <c>local</c>).
/// <c>auto</c> takes containers only when the container runtime answers, else local processes. The
/// probes are passed in so that the decision can be tested without Docker or Debian packages.
/// </summary>
public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "Infra:Mode";

    public static InfrastructureChoice Choose(string? configured, Func<bool> containerRuntimeAnswers, Func<IReadOnlyList<string>> missingLocalPackages)
    {
        ArgumentNullException.ThrowIfNull(containerRuntimeAnswers);
        ArgumentNullException.ThrowIfNull(missingLocalPackages);

        switch (configured?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                if (containerRuntimeAnswers())
                {
                    return new(InfrastructureMode.Containers, "auto: the container runtime answered");
                }

                var missing = missingLocalPackages();
                return missing.Count == 0
                    ? new(InfrastructureMode.Local, "auto: no container runtime answered; using the local Debian packages")
                    : new(null, NeitherModeCanStart(missing));

            case "containers" or "container":
                return containerRuntimeAnswers()
                    ? new(InfrastructureMode.Containers, "containers: chosen by configuration")
                    : new(null,
                        $"{ConfigurationKey}=containers, but no container runtime answers ('docker info' failed). " +
                        $"Start Docker or Podman, or run with {ConfigurationKey}=local (or auto) to use local PostgreSQL, RabbitMQ and Redis.");

            case "local":
                var missingLocal = missingLocalPackages();
                return missingLocal.Count == 0
                    ? new(InfrastructureMode.Local, "local: chosen by configuration")
                    : new(null,
                        $"{ConfigurationKey}=local, but these Debian packages are missing: {string.Join(", ", missingLocal)}. " +
                        $"Install them with: sudo apt-get install -y {string.Join(' ', missingLocal)} (./run.sh does this for you).");

            default:
                return new(null, $"{ConfigurationKey}='{configured}' is not a mode. Use auto, containers or local.");
        }
    }

    private static string NeitherModeCanStart(IReadOnlyList<string> missing) =>
        "Neither infrastructure mode can start: no container runtime answers ('docker info' failed) and these Debian packages are missing: " +
        $"{string.Join(", ", missing)}. Install them with: sudo apt-get install -y {string.Join(' ', missing)} " +
        "(./run.sh does this for you), or start Docker or Podman.";
}
