using System.Diagnostics.Metrics;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Intake;

/// <summary>Intake's figures on the dashboard: applications by channel, scheme and county; refusals by reason; leads; hotline answer times.</summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "ReliefPlatform.Intake";

    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _hotlineAnswerSeconds;
    private long _openLeads;
    private long _overdueLeads;

    public IntakeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("reliefplatform.intake.applications.received", "{application}", "Applications accepted, by channel, scheme and county.");
        _refused = meter.CreateCounter<long>("reliefplatform.intake.applications.refused", "{request}", "Applications refused at the door, by reason.");
        _hotlineAnswerSeconds = meter.CreateHistogram<double>("reliefplatform.intake.hotline.time_to_first_answer", "s", "12345 hotline: time from the call to its first answer.");
        meter.CreateObservableGauge("reliefplatform.intake.leads.open", () => Volatile.Read(ref _openLeads), "{lead}", "Leads waiting for follow-up (R1).");
        meter.CreateObservableGauge("reliefplatform.intake.leads.overdue", () => Volatile.Read(ref _overdueLeads), "{lead}", "Leads past their follow-up deadline (R1).");
    }

    public void Received(Channel channel, Scheme scheme, string county) =>
        _received.Add(1, new("channel", WireName.Of(channel)), new("scheme", WireName.Of(scheme)), new("county", county));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void HotlineAnswered(TimeSpan timeToFirstAnswer, string county) =>
        _hotlineAnswerSeconds.Record(timeToFirstAnswer.TotalSeconds, new KeyValuePair<string, object?>("county", county));

    public void Leads(long open, long overdue)
    {
        Volatile.Write(ref _openLeads, open);
        Volatile.Write(ref _overdueLeads, overdue);
    }
}
