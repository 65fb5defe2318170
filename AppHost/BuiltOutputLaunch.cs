using System.Reflection;

namespace ReliefPlatform.AppHost;

/// <summary>
/// Starts a .NET project from its build output (<c>dotnet exec</c> of its assembly) instead of the
/// `dotnet run --no-build` Aspire uses for projects (issue 22). `dotnet run` evaluates the project with
/// MSBuild before it starts the program and then stays beside it: on two cores that cost seconds per
/// service at every start and about 140 MB of memory per service for the whole run, for nothing, since
/// the tree is built already. The project stays a project resource (service discovery, references,
/// health checks, the dashboard); only how its process starts changes. Without a build output (a fresh
/// clone not built yet) the project starts as Aspire would.
/// </summary>
internal static class BuiltOutputLaunch
{
    /// <summary>The configuration this AppHost was built with: the services were built with it too (one solution build).</summary>
    private static readonly string Configuration =
        typeof(BuiltOutputLaunch).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static IResourceBuilder<ProjectResource> FromBuiltOutput(this IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return project;
        }

        var projectDirectory = Path.GetDirectoryName(project.Resource.GetProjectMetadata().ProjectPath)!;
        if (AssemblyIn(projectDirectory) is not { } assembly)
        {
            return project;
        }

        // `dotnet exec` of the built assembly in place of `dotnet run`'s verb and options; the project's directory stays
        // the working directory (its content root: appsettings.json, wwwroot), as under dotnet run.
        // Evaluation API of Aspire 13.6 (the one way to replace a project's launch verb); pinned package, tested by every integration run.
#pragma warning disable ASPIREEXTENSION001
        project.WithLaunchToolArgs(context =>
        {
            context.Args.Add("exec");
            context.Args.Add(assembly);
        }, showInCommandLine: false);
#pragma warning restore ASPIREEXTENSION001
        return project;
    }

    /// <summary>The program's assembly in bin/{configuration}/{framework}/ (named by its runtimeconfig.json), or null when not built.</summary>
    private static string? AssemblyIn(string projectDirectory)
    {
        var output = Path.Combine(projectDirectory, "bin", Configuration);
        if (!Directory.Exists(output))
        {
            return null;
        }

        var runtimeConfig = Directory.EnumerateFiles(output, "*.runtimeconfig.json", SearchOption.AllDirectories).FirstOrDefault();
        if (runtimeConfig is null)
        {
            return null;
        }

        var assembly = runtimeConfig[..^".runtimeconfig.json".Length] + ".dll";
        return File.Exists(assembly) ? assembly : null;
    }
}
