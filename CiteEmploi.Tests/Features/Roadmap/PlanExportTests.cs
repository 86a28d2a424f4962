using System.Text;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Live;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Roadmap.Export;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>The CSV and XLSX exports of a plan and their import, on a real SQLite file built by the migrations.</summary>
public sealed class PlanExportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PlanService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _copilot = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;
    private Guid _missionLocale;
    private Guid _franceTravail;

    public async Task InitializeAsync()
    {
        _service = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock, new PlanSnapshots(_clock, _bus));
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("copil", "Hugo"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _copilot = new CiteAccess(a.Id, a.Slug, "copil", CiteRole.Copilote);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var missionLocale = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale"), _clock.Now);
        var franceTravail = Structure.Create(a.Id, StructureTests.ValidDetails("France Travail"), _clock.Now);
        var elsewhere = Structure.Create(b.Id, StructureTests.ValidDetails("Maison de l'emploi d'ailleurs"), _clock.Now);
        (_missionLocale, _franceTravail) = (missionLocale.Id, franceTravail.Id);
        await using var db = database.NewContext();
        db.Structures.AddRange(missionLocale, franceTravail, elsewhere);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
    }

    /// <summary>A plan with an axis, an objective and an action that uses every column, texts included that a spreadsheet would take for formulas.</summary>
    private async Task<(Guid Plan, Guid Axis, Guid Objective, Guid Action)> FullPlanAsync()
    {
        var created = await _service.CreateAsync(_coordinator, "Feuille de route 2025-2027", 2025, 2027, 100_000m);
        Assert.True(created.Succeeded, created.Describe());
        var planId = Guid.Parse(created.Value!);
        var axis = await AddAsync(planId, null, new PlanActionContent { Title = "Aller vers les publics", ExternalId = "AXE-1" });
        var objective = await AddAsync(planId, axis, new PlanActionContent { Title = "=Raccrocher au droit commun", StatusCode = "en-cours", ProgressMode = ProgressMode.SousActions });
        var action = await AddAsync(planId, objective, new PlanActionContent
        {
            Title = "Permanences « emploi » ; au pied des immeubles",
            Description = "- une permanence par semaine\n- un bus \"mobile\" ; le mardi\n\n**Bilan** en juin",
            PilotStructureId = _missionLocale,
            Partners = [new ActionPartner(_franceTravail, PartnerRole.Financeur)],
            Contact = "Samia, chargée de projet",
            FreinCodes = [Freins.All[0].Code, Freins.All[1].Code],
            PublicCodes = [Referentiels.Publics.Codes.First()],
            StartDate = new DateOnly(2026, 1, 15),
            DueDate = new DateOnly(2026, 12, 31),
            StatusCode = "en-cours",
            ProgressMode = ProgressMode.Manuel,
            ManualProgress = 40,
            Milestones = [new Milestone(Guid.Empty, "Première permanence", new DateOnly(2026, 2, 3), true), new Milestone(Guid.Empty, "Bilan | mi-parcours", new DateOnly(2026, 6, 30), false)],
            BudgetLines = [new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2026, 12_000.5m, 8_000m, 1_234.56m), new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 3_000m, 0m, 0m)],
        });
        return (planId, axis, objective, action);
    }

    private async Task<Guid> AddAsync(Guid planId, Guid? parentId, PlanActionContent content)
    {
        var result = await _service.AddActionAsync(_coordinator, planId, parentId, content);
        Assert.True(result.Succeeded, result.Describe());
        return Guid.Parse(result.Value!);
    }

    private async Task<PlanView> ViewAsync(Guid planId) => (await _service.GetAsync(_coordinator, planId))!;

    private async Task<string> StoredAsync(Guid planId)
    {
        await using var db = database.NewContext();
        var rows = await db.PlanActions.IgnoreQueryFilters().AsNoTracking().Where(a => a.PlanId == planId).OrderBy(a => a.Id).ToListAsync();
        var plan = await db.Plans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == planId);
        var changes = await db.PlanChanges.IgnoreQueryFilters().AsNoTracking().CountAsync(c => c.PlanId == planId);
        return System.Text.Json.JsonSerializer.Serialize(
            new { plan = plan.Snapshot(), plan.Version, changes, rows = rows.Select(r => new { s = r.Snapshot(), r.Version, r.EditedAt, r.DeletedAt }) }, PlanHistory.Json);
    }

    private Task<PlanImportReport> ImportAsync(Guid planId, string fileName, byte[] content, bool apply = true, CiteAccess? who = null) =>
        _service.ImportAsync(who ?? _coordinator, planId, PlanSheetReader.Read(fileName, content), apply);

    private static byte[] Csv(string text) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

    /// <summary>A CSV line with the given cells in their columns, the others empty.</summary>
    private static string Row(params (string Column, string Value)[] cells) =>
        string.Join(';', PlanSheet.Columns.Select(c => cells.FirstOrDefault(x => x.Column == c).Value ?? string.Empty)) + "\r\n";

    private static string CsvText(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.Preamble.Length));

    [Fact]
    public async Task Csv_IsUtf8WithBom_SemicolonSeparated_WithInvariantValues_AndNeutralisedFormulas()
    {
        var (planId, _, _, action) = await FullPlanAsync();

        var bytes = PlanCsv.ToBytes(await ViewAsync(planId));

        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var text = CsvText(bytes);
        var header = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        Assert.Equal(string.Join(';', PlanSheet.Columns), header);
        Assert.Contains("'=Raccrocher au droit commun", text, StringComparison.Ordinal);
        Assert.Contains("2026-01-15;2026-12-31;En cours;manuel;40", text, StringComparison.Ordinal);
        Assert.Contains("2026 | enveloppe-cite | Cité de l'emploi | 12000.50 | 8000.00 | 1234.56", text, StringComparison.Ordinal);
        Assert.Contains("France Travail (financeur)", text, StringComparison.Ordinal);
        Assert.Contains("2026-02-03 | Première permanence | fait", text, StringComparison.Ordinal);
        Assert.Contains("\r\n1.1.1;1.1;Action;", text, StringComparison.Ordinal);
        Assert.EndsWith(";" + action + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains(";AXE-1\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan.csv")]
    [InlineData("plan.xlsx")]
    public async Task ReimportingAnExport_ChangesNothing_NoHistoryNoVersionNoEvent(string fileName)
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var view = await ViewAsync(planId);
        var bytes = fileName.EndsWith(".csv", StringComparison.Ordinal) ? PlanCsv.ToBytes(view) : PlanXlsx.ToBytes(view);
        var before = await StoredAsync(planId);
        var recorder = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Plan(planId), recorder.Handle));

        var report = await ImportAsync(planId, fileName, bytes);

        Assert.Equal(PlanImportOutcome.Imported, report.Outcome);
        Assert.Equal((0, 0, 3), (report.Added, report.Modified, report.Unchanged));
        Assert.Equal(before, await StoredAsync(planId));
        Assert.Empty(recorder.All);
    }

    [Fact]
    public async Task Xlsx_HoldsTheSameCellsAsTheCsv()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var view = await ViewAsync(planId);

        var fromCsv = PlanSheetReader.Read("plan.csv", PlanCsv.ToBytes(view));
        var fromXlsx = PlanSheetReader.Read("plan.xlsx", PlanXlsx.ToBytes(view));

        Assert.Null(fromXlsx.Problem);
        Assert.Equal(fromCsv.Header, fromXlsx.Header);
        Assert.Equal(fromCsv.Lines.Select(l => (l.Line, string.Join('¤', l.Cells))), fromXlsx.Lines.Select(l => (l.Line, string.Join('¤', l.Cells))));
        Assert.Equal(3, fromXlsx.Lines.Count);

        // the title starting with « = » is a text cell, never a formula a spreadsheet would run
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(PlanXlsx.ToBytes(view)));
        var sheetEntry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var reader = new StreamReader(sheetEntry.Open());
        var sheet = await reader.ReadToEndAsync();
        Assert.DoesNotContain("<f>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(":f>", sheet, StringComparison.Ordinal);
        Assert.Contains("=Raccrocher au droit commun", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedCells_UpdateThatAction_NewRowsAddActionsUnderTheirParentCode_RecordedUnderTheImporter_AndPublished()
    {
        var (planId, axis, objective, action) = await FullPlanAsync();
        var text = CsvText(PlanCsv.ToBytes(await ViewAsync(planId)));
        text = text.Replace("2026-12-31;En cours;manuel;40", "2026-11-30;En cours;manuel;60", StringComparison.Ordinal)
            + Row((PlanSheet.Code, "1.2"), (PlanSheet.ParentCode, "1"), (PlanSheet.Title, "Ouvrir un point relais"), (PlanSheet.Pilot, "france travail"),
                (PlanSheet.Status, "À lancer"), (PlanSheet.Mode, "statut"))
            + Row((PlanSheet.Code, "1.2.1"), (PlanSheet.ParentCode, "1.2"), (PlanSheet.Title, "Recruter un médiateur"), (PlanSheet.Due, "2026-09-01"),
                (PlanSheet.Milestones, "2026-05-01 | Fiche de poste | à faire"), (PlanSheet.Budget, "2027 | cofinancement | Préfecture | 5000.00 | 0.00 | 0.00"),
                (PlanSheet.Identifier, "RH-7"));
        var recorder = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Plan(planId), recorder.Handle));

        var preview = await ImportAsync(planId, "plan.csv", Csv(text), apply: false);
        Assert.Equal(PlanImportOutcome.Preview, preview.Outcome);
        Assert.Equal("1 action modifiée, 2 ajoutées, 2 inchangées", preview.Summary);
        Assert.Equal(3, (await ViewAsync(planId)).Actions.Count);

        var report = await ImportAsync(planId, "plan.csv", Csv(text));

        Assert.Equal(PlanImportOutcome.Imported, report.Outcome);
        Assert.Equal((2, 1, 2), (report.Added, report.Modified, report.Unchanged));
        var view = await ViewAsync(planId);
        var edited = view.Actions.Single(a => a.Id == action);
        Assert.Equal((new DateOnly(2026, 11, 30), 60), (edited.Content.DueDate, edited.Content.ManualProgress));
        Assert.Equal(2, Assert.Single(view.Actions, a => a.Id == action).Content.Milestones.Count);
        var relay = view.Actions.Single(a => a.Title == "Ouvrir un point relais");
        Assert.Equal(("1.2", axis, _franceTravail, "a-lancer"), (relay.Code, relay.ParentId!.Value, relay.Content.PilotStructureId!.Value, relay.Content.StatusCode));
        var hire = view.Actions.Single(a => a.Title == "Recruter un médiateur");
        Assert.Equal(("1.2.1", relay.Id, "RH-7", 5000m), (hire.Code, hire.ParentId!.Value, hire.Content.ExternalId!, hire.Budget.Planned));
        Assert.Equal(new DateOnly(2026, 9, 1), hire.Content.DueDate);
        Assert.NotEqual(objective, relay.Id);

        var history = await _service.HistoryAsync(_coordinator, planId, action);
        var due = Assert.Single(history, c => c.Field == "dueDate");
        Assert.Equal("Camille", due.UserName);
        await recorder.WaitForCountAsync(3);
        Assert.Contains(recorder.All, e => e is PlanActionEdited edit && edit.ActionId == action);
        Assert.Equal(2, recorder.All.OfType<PlanActionAdded>().Count());
    }

    [Fact]
    public async Task MilestonesKeepTheirIds_WhenTheirRowIsReimported_SoCalendarsUpdateRatherThanDuplicate()
    {
        var (planId, _, _, action) = await FullPlanAsync();
        var ids = (await ViewAsync(planId)).Actions.Single(a => a.Id == action).Content.Milestones.Select(m => m.Id).ToList();
        var text = CsvText(PlanCsv.ToBytes(await ViewAsync(planId))).Replace("2026-06-30 | Bilan | mi-parcours | à faire", "2026-07-07 | Bilan | mi-parcours | fait", StringComparison.Ordinal);

        var report = await ImportAsync(planId, "plan.csv", Csv(text));

        Assert.Equal(1, report.Modified);
        var milestones = (await ViewAsync(planId)).Actions.Single(a => a.Id == action).Content.Milestones;
        Assert.Equal(ids, milestones.Select(m => m.Id));
        Assert.Equal((new DateOnly(2026, 7, 7), true), (milestones[1].Date, milestones[1].Done));
    }

    [Fact]
    public async Task BadRows_AreEachReportedWithTheirLineAndReason_AndNothingIsWritten()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var before = await StoredAsync(planId);
        var text = "Code;Code parent;Titre;Pilote;Début;Échéance;Statut;Budget;Identifiant\r\n"
            + "9;;Un axe valide;;;;;;\r\n"
            + "9.1;9;Statut hors liste;;;;Terminée;;\r\n"
            + "9.2;9;Dates à l'envers;;2026-05-01;2026-04-01;;;\r\n"
            + "9.3;9;Montant négatif;;;;;2026 | cofinancement | CAF | -5.00 | 0.00 | 0.00;\r\n"
            + "9.4;9;Trois décimales;;;;;2026 | cofinancement | CAF | 10.001 | 0.00 | 0.00;\r\n"
            + "9.5;9;Structure inconnue;Maison de l'emploi d'ailleurs;;;;;\r\n"
            + "8;8.1;Cycle A;;;;;;\r\n"
            + "8.1;8;Cycle B;;;;;;\r\n";

        var report = await ImportAsync(planId, "plan.csv", Csv(text));

        Assert.Equal(PlanImportOutcome.Refused, report.Outcome);
        string at(int line) => string.Join(" / ", report.Issues.Where(i => i.Line == line).Select(i => i.Message));
        Assert.Empty(at(2));
        Assert.Contains("statut inconnu « Terminée »", at(3), StringComparison.Ordinal);
        Assert.Contains("L'échéance (01/04/2026) précède le début (01/05/2026)", at(4), StringComparison.Ordinal);
        Assert.Contains("ne peut pas être négatif", at(5), StringComparison.Ordinal);
        Assert.Contains("deux décimales au plus", at(6), StringComparison.Ordinal);
        Assert.Contains("structure pilote inconnue « Maison de l'emploi d'ailleurs »", at(7), StringComparison.Ordinal);
        Assert.Contains("cycle", at(8), StringComparison.Ordinal);
        Assert.Contains("cycle", at(9), StringComparison.Ordinal);
        Assert.StartsWith("Ligne 3 : ", report.Issues.First(i => i.Line == 3).ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task MovingAnExistingActionUnderItsOwnChild_IsACycle_Refused()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var before = await StoredAsync(planId);
        // the axis (row 2, code 1) is put under its own objective (code 1.1)
        var lines = CsvText(PlanCsv.ToBytes(await ViewAsync(planId))).Split("\r\n").ToList();
        Assert.StartsWith("1;;Axe;", lines[1], StringComparison.Ordinal);
        lines[1] = "1;1.1;" + lines[1]["1;;".Length..];

        var report = await ImportAsync(planId, "plan.csv", Csv(string.Join("\r\n", lines)));

        Assert.Equal(PlanImportOutcome.Refused, report.Outcome);
        Assert.Contains(report.Issues, i => i.Line == 2 && i.Message.Contains("cycle", StringComparison.Ordinal));
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task AnUnknownColumn_RefusesTheFile()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var before = await StoredAsync(planId);

        var report = await ImportAsync(planId, "plan.csv", Csv("Titre;Couleur;Identifiant\r\nUne action;bleu;\r\n"));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains("colonne inconnue « Couleur »", issue.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task AFileThatIsNotACsvOrXlsx_TooLarge_OrWithTooManyRows_IsRefusedWhole()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var before = await StoredAsync(planId);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
        var tooMany = new StringBuilder("Titre;Identifiant\r\n");
        for (var i = 0; i <= PlanSheet.MaxRows; i++)
        {
            tooMany.Append("Action ").Append(i).Append(";\r\n");
        }

        var image = await ImportAsync(planId, "photo.png", png);
        var binaryNamedCsv = await ImportAsync(planId, "plan.csv", png);
        var fakeXlsx = await ImportAsync(planId, "plan.xlsx", [.. "PK\x03\x04"u8, .. new byte[64]]);
        var large = await ImportAsync(planId, "plan.csv", new byte[PlanSheet.MaxBytes + 1]);
        var rows = await ImportAsync(planId, "plan.csv", Csv(tooMany.ToString()));

        Assert.Contains("ni un CSV ni un classeur XLSX", Assert.Single(image.Issues).Message, StringComparison.Ordinal);
        Assert.Contains("pas un CSV en UTF-8", Assert.Single(binaryNamedCsv.Issues).Message, StringComparison.Ordinal);
        Assert.Contains("n'a pas pu être lu", Assert.Single(fakeXlsx.Issues).Message, StringComparison.Ordinal);
        Assert.Contains("dépasse 2 Mo", Assert.Single(large.Issues).Message, StringComparison.Ordinal);
        Assert.Contains("plus de 2", Assert.Single(rows.Issues).Message, StringComparison.Ordinal);
        Assert.All([image, binaryNamedCsv, fakeXlsx, large, rows], r => Assert.Equal(PlanImportOutcome.Refused, r.Outcome));
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task OnlyCoordination_Imports_AndAnotherCiteDoesNotFindThePlan()
    {
        var (planId, _, _, _) = await FullPlanAsync();
        var before = await StoredAsync(planId);
        var bytes = Csv(CsvText(PlanCsv.ToBytes(await ViewAsync(planId))).Replace("Aller vers les publics", "Renommé", StringComparison.Ordinal));

        Assert.Equal(PlanImportOutcome.Forbidden, (await ImportAsync(planId, "plan.csv", bytes, who: _partner)).Outcome);
        Assert.Equal(PlanImportOutcome.Forbidden, (await ImportAsync(planId, "plan.csv", bytes, who: _copilot)).Outcome);
        Assert.Equal(PlanImportOutcome.Missing, (await ImportAsync(planId, "plan.csv", bytes, who: _outsider)).Outcome);
        Assert.Equal(PlanImportOutcome.Missing, (await ImportAsync(planId, "plan.csv", bytes, apply: false, who: _outsider)).Outcome);
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task Markdown_ShowsTheTreeWithCodesPilotsStatusesFrenchDates_AndTheBudgetTotals()
    {
        var (planId, _, _, _) = await FullPlanAsync();

        var markdown = PlanMarkdown.Write(await ViewAsync(planId), (await _service.BudgetAsync(_coordinator, planId))!);

        Assert.StartsWith("# Feuille de route 2025-2027\n", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var text = markdown.ReplaceLineEndings("\n");
        Assert.Contains("## 1. Aller vers les publics\n", text, StringComparison.Ordinal);
        Assert.Contains("### 1.1. =Raccrocher au droit commun\n", text, StringComparison.Ordinal);
        Assert.Contains("- **1.1.1. Permanences « emploi » ; au pied des immeubles** — Pilote : Mission Locale · En cours (40 %) · 15/01/2026 → 31/12/2026", text, StringComparison.Ordinal);
        Assert.Contains("Budget : prévu 15\u202F000,50 €, engagé 8\u202F000,00 €", text, StringComparison.Ordinal);
        Assert.Contains("- Reste à engager : 92\u202F000,00 €", text, StringComparison.Ordinal);
        Assert.Contains("| 1. Aller vers les publics | 15\u202F000,50 € | 8\u202F000,00 € | 1\u202F234,56 € |", text, StringComparison.Ordinal);
        // a typed title never becomes Markdown markup
        Assert.Contains("Bilan \\| mi-parcours", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_HasOneAllDayEventPerMilestoneAndDueDate_WithUidsThatSurviveARename()
    {
        var (planId, _, _, action) = await FullPlanAsync();
        var view = await ViewAsync(planId);
        var milestones = view.Actions.Single(a => a.Id == action).Content.Milestones;

        var ics = PlanCalendar.Write(view, "https://cite.example/c/x/feuille-de-route/" + planId, _clock.Now);

        var events = ics.Split("BEGIN:VEVENT").Skip(1).ToList();
        Assert.Equal(3, events.Count);
        Assert.Contains(events, e => e.Contains($"UID:jalon-{milestones[0].Id}@citeemploi", StringComparison.Ordinal)
            && e.Contains("DTSTART;VALUE=DATE:20260203", StringComparison.Ordinal) && e.Contains("DTEND;VALUE=DATE:20260204", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains($"UID:echeance-{action}@citeemploi", StringComparison.Ordinal) && e.Contains("DTSTART;VALUE=DATE:20261231", StringComparison.Ordinal));

        // renamed and moved through an import: the same event for calendars
        var text = CsvText(PlanCsv.ToBytes(view)).Replace("2026-02-03 | Première permanence", "2026-02-10 | Première permanence", StringComparison.Ordinal);
        Assert.Equal(1, (await ImportAsync(planId, "plan.csv", Csv(text))).Modified);
        var after = PlanCalendar.Write(await ViewAsync(planId), "https://cite.example/c/x/feuille-de-route/" + planId, _clock.Now);
        Assert.Contains($"UID:jalon-{milestones[0].Id}@citeemploi", after, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20260210", after, StringComparison.Ordinal);
        Assert.DoesNotContain("20260203", after, StringComparison.Ordinal);
    }
}
