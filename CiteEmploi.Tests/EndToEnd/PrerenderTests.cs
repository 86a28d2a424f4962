using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// Between the prerendered page and the start of its live session, a page must not go blank, lose its title, or show a
/// loading or empty state it does not show once loaded (issue 11): every state of <c>&lt;main&gt;</c> is recorded from the
/// first byte until a moment after the page is interactive.
/// </summary>
public sealed partial class PrerenderTests(PrerenderTests.DemoCite fixture) : IClassFixture<PrerenderTests.DemoCite>
{
    private const string Coordinator = "coord.prerendu@tests.invalid";

    /// <summary>
    /// The demonstration Cité, on a database that answers like one across a network: on SQLite an async read completes
    /// at once, so a page never yields while loading and the gap between prerender and interactive start stays hidden;
    /// a database server (or a busy disk) answers later, and that is when a page shows what it has before its data.
    /// </summary>
    public sealed class DemoCite : AppFixture
    {
        private readonly RemoteDatabaseLatency _latency = new();

        /// <summary>How long each read of the app waits from now on.</summary>
        public int ReadLatencyMilliseconds { set => _latency.Milliseconds = value; }

        public Guid BoardId { get; private set; }
        public Guid StructureId { get; private set; }
        public Guid BigBoardId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            await CreatePersonAsync(Coordinator, DemoLoader.Slug, CiteRole.Coordinateur, "Coordination du prérendu");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
            var boards = await App.Get<BoardService>().ListAsync(access);
            BoardId = boards.OrderByDescending(b => b.CardCount).First(b => b.CardCount > 0).Id;
            var directory = App.Get<DirectoryService>();
            var structures = await directory.ListStructuresAsync(access);
            StructureId = structures.First(s => s.PublishedServices > 0).Id;
            // a board whose state is far over what a page may hand over (PrerenderState.MaxBytes)
            var big = await NewBoardAsync(DemoLoader.Slug, "Grand tableau du prérendu");
            for (var i = 0; i < 40; i++)
            {
                var added = await App.Get<BoardService>().AddCardAsync(access, big.Id, big.Columns[i % big.Columns.Count].Id,
                    new CiteEmploi.Domain.Boards.CardContent($"Carte {i} : " + new string('x', 400)));
                Assert.True(added.Succeeded, added.Describe());
            }
            BigBoardId = big.Id;
            _latency.Enabled = true;
        }

        protected override CiteEmploiApp CreateApp() =>
            new(testServices: services => services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(_latency)));
    }

    /// <summary>Makes each async read wait a few milliseconds before it runs, as a database over the network would.</summary>
    private sealed class RemoteDatabaseLatency : DbCommandInterceptor
    {
        public volatile bool Enabled;

        /// <summary>How long each read waits (a test may make the network very slow for a moment).</summary>
        public volatile int Milliseconds = 15;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Enabled)
            {
                await Task.Delay(Milliseconds, cancellationToken);
            }
            return result;
        }
    }

    /// <summary>
    /// Records, in the page, each state of main after every change the browser could paint (mutation observers run
    /// after each task, so after each Blazor render batch as a whole): whether it has an h1, its text, and whether the
    /// page was interactive by then. Stops a moment after the shell says it is interactive.
    /// </summary>
    private const string Recorder = """
        (() => {
            const states = [];
            window.__mainStates = states;
            let interactiveAt = null;
            const record = () => {
                const main = document.querySelector('main');
                const shell = document.querySelector(".app-shell[data-interactive='true']");
                if (shell && interactiveAt === null) { interactiveAt = performance.now(); }
                if (interactiveAt !== null && performance.now() - interactiveAt > 1500) { observer.disconnect(); window.__mainDone = true; return; }
                if (!main) { states.push({ main: false, h1: null, text: '', interactive: !!shell, parsed: document.readyState !== 'loading' }); return; }
                const h1 = main.querySelector('h1');
                states.push({ main: true, h1: h1 ? h1.textContent.trim() : null, text: main.innerText || main.textContent || '', interactive: !!shell, parsed: document.readyState !== 'loading' });
            };
            const observer = new MutationObserver(record);
            observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
            document.addEventListener('DOMContentLoaded', record);
            // the last states: no mutation may come once the page is still, so look again until the end
            const tick = setInterval(() => { record(); if (window.__mainDone) { clearInterval(tick); } }, 100);
        })();
        """;

    private sealed record MainState(bool Main, string? H1, string Text, bool Interactive, bool Parsed);

    [GeneratedRegex(@"\b(chargement|aucune?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LoadingOrEmpty();

    private static string Demo => $"/c/{DemoLoader.Slug}";

    [Fact]
    public async Task CitePagesAndHome_KeepTheirPrerenderedContent_UntilTheyAreInteractive()
    {
        var demo = Demo;
        await AssertNoFlashAsync(
        [
            demo,
            $"{demo}/modifier",
            $"{demo}/membres",
            $"{demo}/journal",
            $"{demo}/tableaux",
            $"{demo}/tableaux/{fixture.BoardId}",
            $"{demo}/seances",
            $"{demo}/annuaire",
            $"{demo}/annuaire/structures",
            $"{demo}/annuaire/structures/{fixture.StructureId}/modifier",
            $"{demo}/annuaire/structures/nouvelle",
            $"{demo}/annuaire/import",
            "/",
        ]);
    }

    /// <summary>
    /// A page whose state is too big to hand over still becomes interactive: the state goes back in the circuit's first
    /// SignalR message, and one over the limit would stop the live session from ever starting.
    /// </summary>
    [Fact]
    public async Task ABoardTooBigToHandOver_StillStartsItsLiveSession_AndShowsItsCards()
    {
        var (context, page) = await fixture.SignInAsync(Coordinator);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"{Demo}/tableaux/{fixture.BigBoardId}"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-card]")).ToHaveCountAsync(40);
        await page.AssertAccessibleAsync();
    }

    /// <summary>
    /// Drawn from its prerender, the board is usable before the wall has answered on the interactive start: a card added
    /// in that moment waits for the wall, then is added (it must neither run without the person's access nor be lost).
    /// </summary>
    [Fact]
    public async Task ACardAddedBeforeTheWallHasAnswered_WaitsForIt_AndIsAdded()
    {
        var (context, page) = await fixture.SignInAsync(Coordinator);
        await using var _ = context;
        var text = $"Carte ajoutée pendant la vérification {Guid.NewGuid():N}";
        try
        {
            await page.GotoAsync(fixture.Url($"{Demo}/tableaux/{fixture.BoardId}"), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.DOMContentLoaded });
            fixture.ReadLatencyMilliseconds = 1_500; // the interactive start's wall now takes seconds
            await page.WaitForInteractiveAsync();
            var field = page.Locator("form.card-add textarea").First;
            await field.FillAsync(text);
            await page.Locator("form.card-add").First.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        }
        finally
        {
            fixture.ReadLatencyMilliseconds = 15;
        }
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-card]", new() { HasText = text })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
        var board = (await fixture.App.Get<BoardService>().GetAsync(access, fixture.BoardId))!;
        Assert.Single(board.Columns.SelectMany(c => c.Cards), c => c.Text == text);
    }

    private async Task AssertNoFlashAsync(string[] pages)
    {
        var (context, page) = await fixture.SignInAsync(Coordinator);
        await using var _ = context;
        await context.AddInitScriptAsync(Recorder);
        var failures = new List<string>();
        foreach (var path in pages)
        {
            try
            {
                await page.GotoInteractiveAsync(fixture.Url(path));
                await page.WaitForFunctionAsync("() => window.__mainDone === true", null, new() { Timeout = 20_000 });
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{path} : {e.Message}", e);
            }
            var states = JsonSerializer.Deserialize<List<MainState>>(
                await page.EvaluateAsync<string>("() => JSON.stringify(window.__mainStates)"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            failures.AddRange(Flashes(path, states));
            await page.AssertAccessibleAsync();
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What went wrong on one page between its first h1 and the end of the recording.</summary>
    private static IEnumerable<string> Flashes(string path, List<MainState> states)
    {
        var final = states.Last(s => s.Main);
        Assert.True(final.Interactive, $"{path} : la page n'est pas devenue interactive pendant l'enregistrement");
        Assert.False(final.H1 is null, $"{path} : la page finale n'a pas de titre h1");
        var finalLength = Normalise(final.Text).Length;
        // from the moment the prerendered HTML is all there (it may come in pieces before, each only adding)
        var first = states.FindIndex(s => s.Parsed && s.H1 is not null);
        Assert.True(first >= 0 && !states[first].Interactive, $"{path} : aucun titre dans le HTML prérendu");
        var prerendered = states.Take(states.FindIndex(s => s.Interactive) is var i and >= 0 ? i : states.Count).Last(s => s.Main);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in states.Skip(first))
        {
            var text = Normalise(state.Text);
            var label = state.Interactive ? "après le démarrage" : "avant le démarrage";
            if (!state.Main || state.H1 is null)
            {
                Report($"{path} : le titre h1 disparaît ({label}) ; main montre « {Excerpt(text)} »");
            }
            else if (text.Length < finalLength * 0.5 && Normalise(prerendered.Text).Length >= finalLength * 0.5)
            {
                Report($"{path} : le contenu se réduit à {text.Length} caractères sur {finalLength} ({label}) : « {Excerpt(text)} »");
            }
            foreach (var line in state.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length <= 80 && LoadingOrEmpty().IsMatch(l)))
            {
                if (!final.Text.Contains(line, StringComparison.Ordinal))
                {
                    Report($"{path} : « {line} » apparaît ({label}) mais pas dans la page finale");
                }
            }
        }
        return seen;

        void Report(string failure) => seen.Add(failure);
    }

    private static string Normalise(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
