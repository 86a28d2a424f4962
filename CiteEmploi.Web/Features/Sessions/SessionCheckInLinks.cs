using QRCoder;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// The address a phone opens to check in (<c>/emargement/{cite}/{code}</c>) and its QR code, drawn on the server as SVG
/// (QRCoder): the participants' page and the room display show the same image of the same address.
/// </summary>
public static class SessionCheckInLinks
{
    public const string Route = "/emargement/{Cite}/{Code}";

    /// <summary>The check-in page's path for a code of a session of the Cité <paramref name="citeSlug"/>.</summary>
    public static string PathFor(string citeSlug, string code) => $"/emargement/{Uri.EscapeDataString(citeSlug)}/{Uri.EscapeDataString(code)}";

    /// <summary>The absolute address, on <paramref name="baseUri"/> (see <see cref="Common.PublicLinks"/>).</summary>
    public static string AddressFor(string baseUri, string citeSlug, string code) => baseUri.TrimEnd('/') + PathFor(citeSlug, code);

    /// <summary>The address as people read it aloud or type it: without « https:// ».</summary>
    public static string Readable(string address) =>
        address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? address[8..]
        : address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? address[7..]
        : address;

    /// <summary>
    /// The QR code of <paramref name="address"/> as an SVG document: one path of black modules on a white square with its
    /// quiet zone, so it scans on the room display's dark background too.
    /// </summary>
    public static string QrSvg(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The QR code as a <c>data:</c> address for an <c>img</c> (the Content-Security-Policy allows data: images).</summary>
    public static string QrDataUri(string address) =>
        "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(QrSvg(address)));
}
