using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.AppHost;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var choice = InfrastructureModeSelector.Choose(
    builder.Configuration[InfrastructureModeSelector.ConfigurationKey],
    () => ContainerRuntimeProbe.Answers(),
    () => ReliefPlatform.AppHost.Infrastructure.Local.LocalServerBinaries.Locate(out var missing) is null ? missing : []);
if (!choice.CanStart)
{
    Console.Error.WriteLine($"ReliefPlatform cannot start: {choice.Reason}");
    return 1;
}

Console.WriteLine($"Infrastructure mode: {choice.Mode} ({choice.Reason})");
var infrastructure = builder.AddPlatformInfrastructure(choice.Mode!.Value);

// Servers only: for running a service from an IDE against them, and for the messaging tests.
if (builder.Configuration.GetValue<bool>(PlatformInfrastructureExtensions.InfrastructureOnlyKey))
{
    builder.Build().Run();
    return 0;
}

var identity = new PlatformIdentity(builder.Configuration.GetValue<bool>(PlatformIdentity.DevelopmentClientsKey));
var intake = builder.AddPlatformService<Projects.Intake>(ResourceNames.Intake, infrastructure, ResourceNames.IntakeDb);
var eligibility = builder.AddPlatformService<Projects.Eligibility>(ResourceNames.Eligibility, infrastructure, ResourceNames.EligibilityDb)
    .WithMonthlyRunCommand(identity);
var relief = builder.AddPlatformService<Projects.Relief>(ResourceNames.Relief, infrastructure, ResourceNames.ReliefDb)
    .WithOneTimeSubsidyCommand(identity);
var payments = builder.AddPlatformService<Projects.Payments>(ResourceNames.Payments, infrastructure, ResourceNames.PaymentsDb)
    .WithPaymentsSettings(infrastructure).WithBankRoundCommand(identity);
var notification = builder.AddPlatformService<Projects.Notification>(ResourceNames.Notification, infrastructure, ResourceNames.NotificationDb)
    .WithPrivateWebhookAddresses();
var oversight = builder.AddPlatformService<Projects.Oversight>(ResourceNames.Oversight, infrastructure, ResourceNames.OversightDb);

foreach (var service in new[] { intake, eligibility, relief, payments, notification, oversight })
{
    service.WithReplayDeadLettersCommand(identity);
}

var gateway = builder.AddGateway<Projects.Gateway>([intake, eligibility, relief, payments, notification, oversight], infrastructure, identity);
var web = builder.AddWebFrontend<Projects.Web>(gateway, infrastructure, identity);

// A service or gateway process that dies during a run is started again, and the dashboard says so.
builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<ServiceSupervisor>(services,
    (IReadOnlySet<string>)new HashSet<string>([.. new[] { intake, eligibility, relief, payments, notification, oversight, gateway, web }.Select(r => r.Resource.Name)], StringComparer.Ordinal)));

builder.Build().Run();
return 0;
