using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// Reads a QR code drawn as SVG back to its text with another library than the one that drew it (ZXing): the SVG's
/// black modules are painted into a grey image, four pixels a module, and ZXing's reader decodes that image.
/// </summary>
public static partial class QrCodes
{
    private const int Scale = 4;

    /// <summary>The text of the QR code in a <c>data:image/svg+xml;base64,…</c> address.</summary>
    public static string DecodeDataUri(string dataUri)
    {
        const string Prefix = "data:image/svg+xml;base64,";
        Assert.StartsWith(Prefix, dataUri, StringComparison.Ordinal);
        return DecodeSvg(Encoding.UTF8.GetString(Convert.FromBase64String(dataUri[Prefix.Length..])));
    }

    /// <summary>The text of the QR code of an SVG document made of one square per module row run (QRCoder's SvgQRCode).</summary>
    public static string DecodeSvg(string svg)
    {
        var box = ViewBox().Match(svg);
        Assert.True(box.Success, "Le SVG n'a pas de viewBox.");
        var modules = int.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture);
        var side = modules * Scale;
        var pixels = Enumerable.Repeat((byte)255, side * side).ToArray();
        var runs = Runs().Matches(svg);
        Assert.NotEmpty(runs);
        foreach (Match run in runs)
        {
            var x = int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
            var width = int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
            for (var row = y * Scale; row < (y + 1) * Scale; row++)
            {
                Array.Fill(pixels, (byte)0, row * side + x * Scale, width * Scale);
            }
        }
        var image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, side, side, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(image);
        Assert.True(result is not null, "Le QR code ne se lit pas.");
        return result.Text;
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Runs();
}
