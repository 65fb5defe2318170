using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Places;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Gateway.People;

/// <summary>
/// What a person's access token says: the subject (the person's id), their name, unit and roles, the
/// scopes of those roles (narrowed to what was asked for and what the client may have), and the
/// counties the unit covers, so that every service's county rules apply to people as to systems.
/// </summary>
public static class PersonToken
{
    public static ClaimsPrincipal For(Person person, string clientId, IEnumerable<string> requestedScopes, IReadOnlyCollection<string> clientScopes)
    {
        ArgumentNullException.ThrowIfNull(person);
        var requested = requestedScopes.ToList();
        var scopes = PlatformRoles.ScopesOf(person.Roles)
            .Where(s => clientScopes.Contains(s) && (requested.Count == 0 || requested.Contains(s)))
            .ToList();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Id);
        identity.SetClaim(PlatformClaims.ClientId, clientId);
        identity.SetClaim(Claims.Name, person.DisplayName);
        identity.SetClaim(PlatformClaims.Unit, person.Unit);
        identity.SetClaims(PlatformClaims.Role, [.. person.Roles]);
        identity.SetClaims(PlatformClaims.County, [.. CountiesOf(person.Unit)]);
        identity.SetScopes(scopes);
        identity.SetResources(PlatformClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The counties a unit acts for: its own county (a county, township or village), every county of a city, or all (the province).</summary>
    public static IReadOnlyList<string> CountiesOf(string unit)
    {
        var places = PlaceRegistry.Current;
        return places.LevelOf(unit) switch
        {
            UnitLevel.Province => [PlatformClaims.AllCounties],
            UnitLevel.City => [.. places.ServedCounties.Where(c => places.IsInside(c.Code, unit)).Select(c => c.Code)],
            UnitLevel.County or UnitLevel.Township or UnitLevel.Village => [places.CountyOf(unit)!],
            _ => [],
        };
    }

    /// <summary>Why a role may not be held at a unit, or null when it may (village roles at villages, and so on).</summary>
    public static string? RefusesRoleAt(string role, string unit)
    {
        var places = PlaceRegistry.Current;
        if (PlatformRoles.Find(role) is not { } known)
        {
            return $"unknown role {role}";
        }

        if (!places.IsServedUnit(unit))
        {
            return $"{unit} is not a unit of the province in force";
        }

        var level = places.LevelOf(unit);
        var fits = known.Level switch
        {
            RoleLevel.Village => level == UnitLevel.Village,
            RoleLevel.Township => level == UnitLevel.Township,
            RoleLevel.County => level == UnitLevel.County,
            RoleLevel.CityOrProvince => level is UnitLevel.City or UnitLevel.Province,
            _ => true,
        };
        return fits ? null : $"{role} is held at a {known.Level.ToString().ToLowerInvariant()} unit, not at {level?.ToString().ToLowerInvariant()} {unit}";
    }
}
