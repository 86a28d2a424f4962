using System.Net;
using System.Text.RegularExpressions;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>The hidden fields of the app's server-rendered forms, read from a page's HTML to post it as a script would.</summary>
public static partial class FormFields
{
    /// <summary>Every hidden input of the page (the form's name in <c>_handler</c>, its antiforgery token), decoded.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Hidden(string html) =>
        HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(
            WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)));

    /// <summary>The page's antiforgery token, or null when it has none.</summary>
    public static string? Antiforgery(string html) =>
        Hidden(html).Where(f => f.Key == "__RequestVerificationToken").Select(f => f.Value).FirstOrDefault();

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*name=""(?<name>[^""]+)""[^>]*value=""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
