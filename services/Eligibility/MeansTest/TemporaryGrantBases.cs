using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Policies;

namespace ReliefPlatform.Eligibility.MeansTest;

/// <summary>
/// Where a temporary grant may be paid from, each county with its urban standard in force: R4 from
/// the place of work or of habitual residence, R5 from the place of household registration or of
/// habitual residence, and the emergency kinds (R9 R10 R13) from where the person lives, without any
/// hukou restriction (R8).
/// </summary>
public static class TemporaryGrantBases
{
    public static TemporaryGrantBasis For(ApplicationSubmitted application, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(policy);
        var applicant = application.Members.First(m => m.IdNumber == application.ApplicantIdNumber);
        IEnumerable<string?> candidates = application.TemporaryAssistanceKind switch
        {
            TemporaryAssistanceKind.UninsuredUnemployed => [application.ResidenceCounty, applicant.WorkCounty],
            TemporaryAssistanceKind.UnemployedGraduate => [application.ResidenceCounty, application.HukouCounty],
            _ => [application.ResidenceCounty],
        };

        var options = candidates.OfType<string>().Distinct()
            .Select(county => (county, standard: policy.Standard(county, AreaType.Urban, StandardKind.Dibao)))
            .Where(c => c.standard is not null)
            .Select(c => new PayingCountyOption(c.county, c.standard!.MonthlyAmount))
            .ToList();

        return new TemporaryGrantBasis(
            application.ApplicantIdNumber, application.ApplicantName, application.Circumstances.Urgent, options,
            policy.RequiredParameter(PolicyParameters.TemporaryMultiplierMin), policy.RequiredParameter(PolicyParameters.TemporaryMultiplierMax),
            application.ResidenceTownship);
    }
}
