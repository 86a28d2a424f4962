using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.National;

namespace CiteEmploi.Tests.Features.National;

/// <summary>
/// The self-assessment levels across Cités on a real SQLite file: closed assessments count, one in progress or none is
/// « non renseigné » (never 0), medians by region and perimeter type, demonstration and archived Cités aside, and the files.
/// </summary>
public sealed class NationalSelfAssessmentServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A closed assessment of a semester with every condition at <paramref name="level"/>, except <paramref name="first"/> for 1.1.</summary>
    internal static Assessment Closed(Guid citeId, string semester, int level, int? first = null)
    {
        var assessment = Assessment.Open(citeId, semester, AssessmentMode.Coordination, [], "Camille", Now);
        foreach (var condition in assessment.Grid.Conditions)
        {
            assessment.Agree(condition.Code, condition.Code == "1.1" && first is { } f ? f : level, "Constaté en COPIL", "Camille", Now);
        }
        assessment.Close("Camille", Now);
        return assessment;
    }

    private static Cite Make(string name, PerimeterType perimeter, string territory, params string[] qpvs) =>
        Cite.Create(CiteTests.ValidProfile($"Cité {name}") with { PerimeterType = perimeter, TerritoryName = territory, Qpvs = [.. qpvs.Select(q => new Qpv(q, $"Quartier {q}"))] },
            null, Now);

    [Fact]
    public async Task LevelsAcrossCites_CountClosedAssessments_ByRegion_WithNonRenseigneForTheOthers_AndTheFilesSayTheSame()
    {
        var roubaix = Make("Roubaix", PerimeterType.Commune, "Roubaix", "QN05901M");
        var lille = Make("Lille", PerimeterType.Epci, "Métropole européenne de Lille", "QN05902M");
        var saintDenis = Make("Saint-Denis", PerimeterType.Commune, "Saint-Denis", "QN09301M");
        var belfort = Make("Belfort", PerimeterType.Commune, "Belfort");
        var demo = Cite.Create(CiteTests.ValidProfile("Démonstration autoévaluée"), null, Now, isDemonstration: true);
        var archived = Make("Archivée", PerimeterType.Departement, "Belfort");
        archived.Archive(Now);
        var inProgress = Assessment.Open(saintDenis.Id, "2025-S2", AssessmentMode.Collective, [], "Camille", Now);
        inProgress.Agree("1.1", 4, "Copilotage régulier", "Camille", Now);
        await using (var db = database.NewContext())
        {
            db.Cites.AddRange(roubaix, lille, saintDenis, belfort, demo, archived);
            db.SelfAssessments.AddRange(Closed(roubaix.Id, "2025-S2", 3, first: 4), Closed(roubaix.Id, "2025-S1", 2), Closed(lille.Id, "2025-S2", 2),
                inProgress, Closed(saintDenis.Id, "2025-S1", 1), Closed(demo.Id, "2025-S2", 4), Closed(archived.Id, "2025-S2", 4));
            await db.SaveChangesAsync();
        }
        var service = new NationalSelfAssessmentService(new TestDbContextFactory(database), new TestClock(Now));
        Assert.Equal(Period.Semester(2025, 2), service.DefaultSemester);

        var view = await service.ViewAsync(Period.Semester(2025, 2));

        var rows = view.Cites.Where(c => new[] { roubaix.Id, lille.Id, saintDenis.Id, belfort.Id }.Contains(c.CiteId)).ToDictionary(c => c.Name);
        Assert.DoesNotContain(view.Cites, c => c.CiteId == demo.Id || c.CiteId == archived.Id);
        var expectedRoubaix = ConditionGrid.Current.Score(ConditionGrid.Current.Conditions.ToDictionary(c => c.Code, c => c.Code == "1.1" ? 4 : 3));
        Assert.Equal((AssessmentState.Clos, expectedRoubaix, 4, 3, "2025-S2"), (rows["Cité Roubaix"].State, rows["Cité Roubaix"].Score, rows["Cité Roubaix"].Levels["1.1"], rows["Cité Roubaix"].Levels["4.4"], rows["Cité Roubaix"].LastClosedPeriod));
        // in progress: nothing shown as agreed, its last closed semester said
        Assert.Equal((AssessmentState.EnCours, (decimal?)null, 0, "2025-S1"), (rows["Cité Saint-Denis"].State, rows["Cité Saint-Denis"].Score, rows["Cité Saint-Denis"].Levels.Count, rows["Cité Saint-Denis"].LastClosedPeriod));
        Assert.Equal(((AssessmentState?)null, (decimal?)null, (string?)null), (rows["Cité Belfort"].State, rows["Cité Belfort"].Score, rows["Cité Belfort"].LastClosedPeriod));

        var hautsDeFrance = view.ByRegion.Single(g => g.Label == "Hauts-de-France");
        Assert.Equal((2, 2), (hautsDeFrance.Cites, hautsDeFrance.Assessed));
        var expectedLille = ConditionGrid.Current.Score(ConditionGrid.Current.Conditions.ToDictionary(c => c.Code, _ => 2));
        Assert.Equal((expectedRoubaix + expectedLille) / 2, hautsDeFrance.MedianScore);
        Assert.Equal((3m, 2.5m), (hautsDeFrance.MedianLevels["1.1"]!.Value, hautsDeFrance.MedianLevels["2.1"]!.Value));
        var ileDeFrance = view.ByRegion.Single(g => g.Label == "Île-de-France");
        Assert.Equal((1, 0, (decimal?)null), (ileDeFrance.Cites, ileDeFrance.Assessed, ileDeFrance.MedianScore)); // « non renseigné », never 0
        Assert.Null(ileDeFrance.MedianLevels["1.1"]);
        var communes = view.ByPerimeter.Single(g => g.Label == PerimeterType.Commune.Label());
        Assert.Equal((3, 1, expectedRoubaix), (communes.Cites, communes.Assessed, communes.MedianScore)); // Roubaix, Saint-Denis (in progress), Belfort (none)

        var csv = NationalIndicatorServiceTests.CsvTable(SheetFiles.Csv(NationalSelfAssessmentSheet.Columns(view), NationalSelfAssessmentSheet.Rows(view)));
        var belfortLine = csv.Single(r => r["nom"] == "Cité Belfort");
        Assert.Equal(("non renseigné", "non renseigné", "non renseigné"), (belfortLine["etat"], belfortLine["score"], belfortLine["condition_1_1"]));
        Assert.Equal(("close", "4", "3"), (csv.Single(r => r["nom"] == "Cité Roubaix")["etat"], csv.Single(r => r["nom"] == "Cité Roubaix")["condition_1_1"], csv.Single(r => r["nom"] == "Cité Roubaix")["condition_4_4"]));
        Assert.Equal(("en cours", "non renseigné"), (csv.Single(r => r["nom"] == "Cité Saint-Denis")["etat"], csv.Single(r => r["nom"] == "Cité Saint-Denis")["condition_1_1"]));
        Assert.Equal("2", csv.Single(r => r["niveau"] == "Région" && r["nom"] == "Hauts-de-France")["cites_evaluees"]);
        var xlsx = NationalIndicatorServiceTests.XlsxTable(SheetFiles.Xlsx(NationalSelfAssessmentSheet.SheetName, NationalSelfAssessmentSheet.Columns(view), NationalSelfAssessmentSheet.Rows(view)));
        Assert.Equal("3", xlsx.Single(r => r["niveau"] == "Région" && r["nom"] == "Hauts-de-France")["condition_1_1"]);
    }
}
