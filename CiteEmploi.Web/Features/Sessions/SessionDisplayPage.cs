namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// The room display's page at <c>/affichage/{cite}/{code}</c>: plain HTML and a script (no Blazor circuit, no account),
/// the same for every session — the script reads the Cité and the code from the address and asks the display hub
/// (<see cref="Live.SessionDisplayHub"/>) for everything else, so nothing of the session is in this response and a
/// reload always shows the session as it stands.
/// </summary>
public static class SessionDisplayPage
{
    public const string Route = "/affichage/{cite}/{code}";

    /// <summary>The display's address for a session of the Cité <paramref name="citeSlug"/>.</summary>
    public static string PathFor(string citeSlug, string code) => $"/affichage/{Uri.EscapeDataString(citeSlug)}/{Uri.EscapeDataString(code)}";

    private const string Html = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>Affichage de séance — CiteEmploi</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.svg">
          <link rel="stylesheet" href="/css/affichage.css">
        </head>
        <body>
          <main id="display" class="display" data-display-state="connecting">
            <p id="display-banner" class="display-banner" role="status">Connexion…</p>
            <header class="display-header">
              <p id="display-cite" class="display-cite"></p>
              <p id="display-session" class="display-session"></p>
            </header>
            <section id="display-before" class="display-part" hidden>
              <h1 id="display-title" class="display-title"></h1>
              <p id="display-when" class="display-line"></p>
              <p id="display-place" class="display-line"></p>
              <p class="display-soon">La séance va commencer.</p>
              <div id="display-checkin" class="display-checkin" hidden>
                <p class="display-checkin-call">Émargez en scannant ce code</p>
                <img id="display-checkin-qr" class="display-checkin-qr" alt="" width="320" height="320">
                <p id="display-checkin-link" class="display-checkin-link"></p>
              </div>
            </section>
            <section id="display-running" class="display-part" hidden>
              <p id="display-progress" class="display-progress"></p>
              <h1 id="display-current" class="display-current"></h1>
              <p id="display-presenter" class="display-presenter"></p>
              <section id="display-pairings" class="display-pairings" aria-labelledby="display-pairings-title" hidden>
                <h2 id="display-pairings-title" class="display-pairings-title"></h2>
                <ul id="display-pairings-tables" class="display-pairings-tables"></ul>
              </section>
              <p id="display-timer" class="display-timer" role="timer" aria-label="Minuteur du point en cours"></p>
              <p id="display-forecast" class="display-forecast"></p>
              <p id="display-next" class="display-next"></p>
            </section>
            <section id="display-finished" class="display-part" hidden>
              <h1 class="display-title">Ordre du jour terminé</h1>
              <p id="display-finished-forecast" class="display-line"></p>
            </section>
            <section id="display-closed" class="display-part" hidden>
              <h1 class="display-title">Séance close</h1>
              <p class="display-line">Merci de votre participation.</p>
            </section>
            <section id="display-refused" class="display-part" hidden>
              <h1 class="display-title">Affichage impossible</h1>
              <p id="display-refused-message" class="display-line"></p>
            </section>
          </main>
          <script src="/lib/signalr/signalr.min.js"></script>
          <script src="/js/affichage.js"></script>
        </body>
        </html>
        """;

    public static IEndpointRouteBuilder MapSessionDisplayPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (HttpContext context) =>
        {
            // always the page as it is now: the state comes from the hub, never from a cached copy
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(Html, "text/html; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }
}
