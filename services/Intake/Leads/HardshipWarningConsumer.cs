using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake.Leads;

/// <summary>A hardship warning from dynamic monitoring (R2) becomes a lead to follow up like any other (R1).</summary>
public sealed class HardshipWarningConsumer(IntakeDbContext db, TimeProvider clock, IOptions<LeadOptions> options, ILogger<HardshipWarningConsumer> logger)
    : IdempotentConsumer<HardshipWarningRaised, IntakeDbContext>(db, logger)
{
    protected override async Task HandleAsync(HardshipWarningRaised message, ConsumeContext<HardshipWarningRaised> context)
    {
        if (await Db.Leads.AnyAsync(l => l.SourceWarningId == message.WarningId, context.CancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var lead = Lead.Raise(
            message.County, null, message.Department, ReporterRole.Monitoring, DiscoveryMethod.DataMatch, message.PriorityGroup,
            message.Name, message.IdNumber, null, null, $"{message.SignalZh} / {message.SignalEn}",
            message.RaisedAt, options.Value.FollowUpPeriod, now, message.WarningId);
        Db.Leads.Add(lead);
        Db.AddToOutbox(new LeadRaised(lead.LeadId, lead.County, lead.ReporterRole, lead.Method, lead.PriorityGroup, lead.FoundAt, lead.FollowUpDeadline));
    }
}
