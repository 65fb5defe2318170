using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QRCoder;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.Places;

namespace ReliefPlatform.Intake.QrCodes;

/// <summary>Settings of QR-code applications (configuration section <c>Intake:QrCodes</c>).</summary>
public sealed class QrCodeOptions
{
    public const string SectionName = "Intake:QrCodes";

    /// <summary>The online application entry the codes point at; the county and channel are added as query parameters.</summary>
    public string OnlineApplicationUrl { get; set; } = "http://localhost:5080/apply";
}

/// <summary>码上救 (R3, R18): a county's QR code for posting in offices and villages.</summary>
public static class QrCodeApi
{
    public const string Path = "/api/intake/qr-codes";

    public static RouteGroupBuilder MapQrCodeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("QR-code applications");
        group.MapGet("/{county}", Get).NotCountyData("a county's public QR code, printed on posters").WithSummary("A county's QR code (PNG) pointing at the online application entry");
        // R18: published for everyone, without a token.
        app.MapGet("/public/intake/qr-codes/{county}", Get).WithTags("QR-code applications").NotCountyData("a county's public QR code (R18)")
            .WithSummary("A county's QR code (PNG), for the public site");
        return group;
    }

    internal static Results<FileContentHttpResult, ProblemHttpResult> Get(string county, IOptions<QrCodeOptions> options)
    {
        if (!PlaceRegistry.Current.IsServedCounty(county))
        {
            return ApiProblems.NotFound("county_not_found", "不是本平台服务的县级行政区划代码。", "Not the code of a county this platform serves.");
        }

        var url = ApplicationUrl(options.Value.OnlineApplicationUrl, county);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(10);
        return TypedResults.File(png, "image/png", $"qr-{county}.png");
    }

    public static string ApplicationUrl(string baseUrl, string county)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{baseUrl}{separator}county={Uri.EscapeDataString(county)}&channel=qr-code";
    }
}
