using ReliefPlatform.AppHost.Infrastructure;

namespace ReliefPlatform.UnitTests.Infrastructure;

public sealed class InfrastructureModeSelectorTests
{
    private static readonly IReadOnlyList<string> NothingMissing = [];
    private static readonly IReadOnlyList<string> AllMissing = ["postgresql", "rabbitmq-server", "redis-server"];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void Auto_takes_containers_when_the_runtime_answers(string? configured)
    {
        var choice = InfrastructureModeSelector.Choose(configured, () => true, () => AllMissing);

        Assert.Equal(InfrastructureMode.Containers, choice.Mode);
    }

    [Fact]
    public void Auto_takes_local_processes_when_no_runtime_answers()
    {
        var choice = InfrastructureModeSelector.Choose("auto", () => false, () => NothingMissing);

        Assert.Equal(InfrastructureMode.Local, choice.Mode);
    }

    [Fact]
    public void Auto_does_not_look_for_packages_when_containers_will_do()
    {
        var looked = false;
        InfrastructureModeSelector.Choose("auto", () => true, () =>
        {
            looked = true;
            return AllMissing;
        });

        Assert.False(looked);
    }

    [Fact]
    public void Neither_mode_names_the_missing_packages_and_the_install_command()
    {
        var choice = InfrastructureModeSelector.Choose("auto", () => false, () => AllMissing);

        Assert.False(choice.CanStart);
        Assert.Null(choice.Mode);
        Assert.Contains("apt-get install -y postgresql rabbitmq-server redis-server", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("docker info", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_chosen_without_a_runtime_fail_fast_with_the_way_out()
    {
        var choice = InfrastructureModeSelector.Choose("containers", () => false, () => NothingMissing);

        Assert.False(choice.CanStart);
        Assert.Contains("Infra:Mode=local", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_chosen_ignores_a_working_container_runtime()
    {
        var choice = InfrastructureModeSelector.Choose("local", () => true, () => NothingMissing);

        Assert.Equal(InfrastructureMode.Local, choice.Mode);
    }

    [Fact]
    public void Local_chosen_with_a_package_missing_names_it()
    {
        var choice = InfrastructureModeSelector.Choose("local", () => true, () => ["redis-server"]);

        Assert.False(choice.CanStart);
        Assert.Contains("apt-get install -y redis-server", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_valid_ones()
    {
        var choice = InfrastructureModeSelector.Choose("kubernetes", () => true, () => NothingMissing);

        Assert.False(choice.CanStart);
        Assert.Contains("auto, containers or local", choice.Reason, StringComparison.Ordinal);
    }
}
