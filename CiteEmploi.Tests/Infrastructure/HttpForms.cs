using System.Net;
using System.Text.RegularExpressions;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// Posts the app's server-rendered forms over plain HTTP, as a script would: reads the page for its antiforgery token
/// (the cookie stays in the client's container), then posts the fields with the form's name. For checks that need no
/// browser: headers a browser would not let a page forge (Host, X-Forwarded-Proto), Set-Cookie attributes, timings' causes.
/// Cookies are kept by hand, Secure ones included: the tests speak plain HTTP to the app as a TLS proxy would.
/// </summary>
public sealed partial class HttpForms : IDisposable
{
    private readonly HttpClientHandler _handler;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public HttpForms(string baseUrl)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        Client = new HttpClient(_handler) { BaseAddress = new Uri(baseUrl) };
    }

    public HttpClient Client { get; }

    /// <summary>Headers added to every request (e.g. <c>Host</c>, <c>X-Forwarded-Proto</c>).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path);
        return Keep(await Client.SendAsync(request));
    }

    /// <summary>Reads <paramref name="path"/> for the form's token, then posts <paramref name="fields"/> to it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        string html;
        using (var page = await GetAsync(path))
        {
            html = await page.Content.ReadAsStringAsync();
        }
        var token = FormFields.Antiforgery(html);
        Assert.True(token is not null, $"pas de jeton antiforgery sur {path}");
        var form = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", token),
        };
        form.AddRange(fields);
        using var request = Request(HttpMethod.Post, path);
        request.Content = new FormUrlEncodedContent(form);
        return Keep(await Client.SendAsync(request));
    }

    /// <summary>Signs in through the real sign-in form; returns the answer (a redirect on success).</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/connexion", "connexion", [new("Input.Email", email), new("Input.Password", password)]);

    /// <summary>The text of the form's error summary (the sign-in page's answer), or null.</summary>
    public static string? FormSummary(string html)
    {
        var match = Summary().Match(html);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", string.Empty)).Trim() : null;
    }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }

    private HttpResponseMessage Keep(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2 && pair[1].Length > 0 && !cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies[pair[0]] = pair[1];
                }
                else
                {
                    _cookies.Remove(pair[0]);
                }
            }
        }
        return response;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        foreach (var (name, value) in Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    [GeneratedRegex("id=\"form-summary\".*?<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Summary();
}
