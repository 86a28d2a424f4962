using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>The FTS5 search on a real SQLite file created by the migrations: what a field worker types finds the right services.</summary>
public sealed class DirectorySearchIndexTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Guid CiteA = Guid.NewGuid();
    private static readonly Guid CiteB = Guid.NewGuid();
    private static readonly Guid Creche = Guid.NewGuid();
    private static readonly Guid AutoEcole = Guid.NewGuid();
    private static readonly Guid Foyer = Guid.NewGuid();
    private static readonly Guid Addiction = Guid.NewGuid();
    private static readonly Guid OtherCiteCreche = Guid.NewGuid();

    // A tiny synonym list for the tests (the real one is data in the domain).
    private static readonly Dictionary<string, string[]> SynonymList = new(StringComparer.Ordinal)
    {
        ["permis"] = ["auto ecole"],
        ["garde d enfants"] = ["creche", "mode de garde"],
        ["logement"] = ["hebergement"],
    };

    private DirectorySearchIndex Index => new(database.Database);

    private static IEnumerable<string> Synonyms(string folded) => SynonymList.TryGetValue(folded, out var s) ? s : [];

    public async Task InitializeAsync() => await Index.UpsertAsync(
    [
        new SearchDocument(Creche, CiteA, "Crèche à vocation d'insertion professionnelle (AVIP)", "Crèche Les Petits Pas", "Garde d'enfants",
            "Famille — garde d'enfants", "Familles monoparentales", "Valmont-sur-Loire", "Places réservées aux parents en recherche d'emploi.",
            [SearchIndexCodes.Frein("garde-enfants"), SearchIndexCodes.Public("familles"), SearchIndexCodes.Free]),
        new SearchDocument(AutoEcole, CiteA, "Auto-école sociale", "Association Route Solidaire", "Mobilité", "Mobilité — permis",
            "Demandeurs d'emploi", "Valmont-sur-Loire", "Préparer le permis B à coût réduit, avec un accompagnement renforcé.",
            [SearchIndexCodes.Frein("mobilite")]),
        new SearchDocument(Foyer, CiteA, "Foyer de jeunes travailleurs", "Habitat Jeunes Valmont", "Logement / hébergement",
            "Logement — hébergement", "Jeunes 16-25 ans", "Valmont-sur-Loire", "Hébergement temporaire pour jeunes en emploi ou formation.",
            [SearchIndexCodes.Frein("logement"), SearchIndexCodes.Public("jeunes")]),
        new SearchDocument(Addiction, CiteA, "Consultation jeunes consommateurs", "CSAPA Valmont", "Addictions", "Santé — addictions",
            "Jeunes 16-25 ans", "Valmont-sur-Loire", "Écoute et accompagnement des addictions, gratuit et anonyme.",
            [SearchIndexCodes.Frein("addictions"), SearchIndexCodes.Public("jeunes"), SearchIndexCodes.Free]),
        new SearchDocument(OtherCiteCreche, CiteB, "Crèche municipale", "Ville voisine", "Garde d'enfants", "Famille", "Tous publics", "Ailleurs", "Une crèche d'une autre Cité.",
            [SearchIndexCodes.Frein("garde-enfants")]),
    ]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("creche")]
    [InlineData("CRÈCHE")]
    [InlineData("crèches")]
    [InlineData("garde d'enfants")]
    public async Task TypedWithoutAccentsOrAsAPhrase_FindsTheCrecheFirst(string typed)
    {
        var hits = await Index.SearchAsync(CiteA, typed, SearchFilters.None, Synonyms);
        Assert.NotEmpty(hits);
        Assert.Equal(Creche, hits[0].ServiceId);
        Assert.DoesNotContain(hits, h => h.ServiceId == OtherCiteCreche);
    }

    [Fact]
    public async Task Permis_FindsTheSocialDrivingSchool_ThroughTheSynonymAndTheDescription()
    {
        var hits = await Index.SearchAsync(CiteA, "permis", SearchFilters.None, Synonyms);
        Assert.Equal(AutoEcole, hits[0].ServiceId);
    }

    [Fact]
    public async Task APrefix_FindsTheWholeWord()
    {
        var hits = await Index.SearchAsync(CiteA, "mobil", SearchFilters.None, Synonyms);
        Assert.Equal(AutoEcole, Assert.Single(hits).ServiceId);
    }

    [Fact]
    public async Task LogementJeune_FindsTheYoungWorkersHostel()
    {
        var hits = await Index.SearchAsync(CiteA, "logement jeune", SearchFilters.None, Synonyms);
        Assert.Equal(Foyer, hits[0].ServiceId);
    }

    [Fact]
    public async Task Addiction_FindsTheConsultation_WithTheMatchedWordMarked()
    {
        var hit = Assert.Single(await Index.SearchAsync(CiteA, "addiction", SearchFilters.None, Synonyms));
        Assert.Equal(Addiction, hit.ServiceId);
        Assert.Contains("<mark>addictions</mark>", DirectorySearchIndex.ToHtml(hit.MarkedExcerpt), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMarkdownDescription_IsExcerptedAsRead_WithoutItsMarkup()
    {
        var citeC = Guid.NewGuid();
        var service = Guid.NewGuid();
        await Index.UpsertAsync(
        [
            new SearchDocument(service, citeC, "Atelier numérique", "Centre social", "Numérique", "Numérique", "Tous publics", "Valmont",
                "Des **ateliers** pour les _démarches en ligne_, voir [le programme](https://exemple.fr/programme).\n\n- sans rendez-vous",
                [SearchIndexCodes.Frein("numerique")]),
        ]);

        var hit = Assert.Single(await Index.SearchAsync(citeC, "demarches", SearchFilters.None, Synonyms));
        var excerpt = DirectorySearchIndex.ToHtml(hit.MarkedExcerpt);
        Assert.Contains("<mark>démarches</mark> en ligne", excerpt, StringComparison.Ordinal);
        Assert.Contains("ateliers pour les", excerpt, StringComparison.Ordinal);
        Assert.Contains("le programme", excerpt, StringComparison.Ordinal);
        foreach (var markup in new[] { "**", "_", "](", "https://" })
        {
            Assert.DoesNotContain(markup, excerpt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BarrierAlone_AndFreeOnly_AreFilters()
    {
        var mobility = await Index.SearchAsync(CiteA, null, new SearchFilters(Frein: "mobilite"), Synonyms);
        Assert.Equal(AutoEcole, Assert.Single(mobility).ServiceId);
        var free = await Index.SearchAsync(CiteA, null, new SearchFilters(FreeOnly: true), Synonyms);
        Assert.Equal([Addiction, Creche], free.Select(h => h.ServiceId).OrderBy(id => id == Creche));
        Assert.Equal(2, await Index.CountAsync(CiteA, null, new SearchFilters(FreeOnly: true), Synonyms));
        var youngAndFree = await Index.SearchAsync(CiteA, "jeunes", new SearchFilters(Public: "jeunes", FreeOnly: true), Synonyms);
        Assert.Equal(Addiction, Assert.Single(youngAndFree).ServiceId);
        // two filters and no word: counted by the full-text index on the codes alone
        Assert.Equal(1, await Index.CountAsync(CiteA, null, new SearchFilters(Public: "jeunes", FreeOnly: true), Synonyms));
        Assert.Equal(1, await Index.CountAsync(CiteA, "  ", new SearchFilters(Frein: "garde-enfants", FreeOnly: true), Synonyms, atMost: 10));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("* OR *")]
    [InlineData("codes : cite")]
    [InlineData("')--")]
    public async Task HostileOrOddInput_NeverBreaksTheQuery_NorEscapesTheCite(string typed)
    {
        var hits = await Index.SearchAsync(CiteA, typed, SearchFilters.None, Synonyms);
        Assert.DoesNotContain(hits, h => h.ServiceId == OtherCiteCreche);
    }

    [Fact]
    public async Task ReindexingAService_ReplacesIt_AndRemovingItHidesIt()
    {
        var id = Guid.NewGuid();
        await Index.UpsertAsync([new SearchDocument(id, CiteA, "Atelier numérique", "Médiathèque", "Numérique", "", "", "", "Initiation", [])]);
        await Index.UpsertAsync([new SearchDocument(id, CiteA, "Atelier informatique", "Médiathèque", "", "", "", "", "Initiation", [])]);
        Assert.Empty(await Index.SearchAsync(CiteA, "atelier numerique", SearchFilters.None, Synonyms));
        Assert.Equal(id, Assert.Single(await Index.SearchAsync(CiteA, "atelier informatique", SearchFilters.None, Synonyms)).ServiceId);
        await Index.RemoveAsync(id);
        Assert.Empty(await Index.SearchAsync(CiteA, "atelier", SearchFilters.None, Synonyms));
    }

    [Fact]
    public async Task ReplacingABatch_AnswersAsAnIndexBuiltFromTheNewVersions()
    {
        // Two Cités given the same final directory: one by a first version then a batch of replacements (unchanged
        // entries, a new description, a new name, new codes, new services), the other in one go. Every answer must agree.
        var (replaced, fresh) = (Guid.NewGuid(), Guid.NewGuid());
        static SearchDocument Doc(Guid cite, int i, string name, string description, string frein) =>
            new(Guid.NewGuid(), cite, name, "Structure " + i, frein, "", "", "", description, [SearchIndexCodes.Frein(frein)]);
        var first = Enumerable.Range(0, 6).Select(i => Doc(replaced, i, $"Atelier {i}", "ancien texte commun", "mobilite")).ToList();
        await Index.UpsertAsync(first);
        List<(string Name, string Description, string Frein)> final =
        [
            ("Atelier 0", "ancien texte commun", "mobilite"),        // unchanged
            ("Atelier 1", "ancien texte commun", "mobilite"),        // unchanged
            ("Atelier 2", "nouveau contenu vélos", "mobilite"),      // description only
            ("Permanence 3", "ancien texte commun", "mobilite"),     // name only
            ("Atelier 4", "ancien texte commun", "numerique"),       // codes and barriers
            ("Atelier 5", "nouveau contenu vélos", "numerique"),     // everything but the name
            ("Garage 6", "nouveau contenu garage", "mobilite"),      // new
        ];
        await Index.UpsertAsync([.. final.Select((f, i) => i < first.Count
            ? first[i] with { Name = f.Name, Description = f.Description, Barriers = f.Frein, FilterCodes = [SearchIndexCodes.Frein(f.Frein)] }
            : Doc(replaced, i, f.Name, f.Description, f.Frein))]);
        await Index.UpsertAsync([.. final.Select((f, i) => Doc(fresh, i, f.Name, f.Description, f.Frein))]);

        async Task<string> Answer(Guid cite, string? typed, SearchFilters filters) =>
            $"{await Index.CountAsync(cite, typed, filters, Synonyms)}: " +
            string.Join(", ", (await Index.SearchAsync(cite, typed, filters, Synonyms, take: 50)).Select(h => h.MarkedName).Order(StringComparer.Ordinal));
        foreach (var (typed, filters) in new (string?, SearchFilters)[]
        {
            ("ancien", SearchFilters.None), ("anc", SearchFilters.None), ("nouveau", SearchFilters.None), ("velos", SearchFilters.None),
            ("atelier", SearchFilters.None), ("permanence", SearchFilters.None), ("garage", SearchFilters.None), ("numerique", SearchFilters.None),
            ("mobilite", SearchFilters.None), ("structure", SearchFilters.None), (null, new SearchFilters(Frein: "mobilite")),
            (null, new SearchFilters(Frein: "numerique")), ("atelier", new SearchFilters(Frein: "numerique")), ("texte", new SearchFilters(Frein: "mobilite")),
        })
        {
            Assert.Equal(await Answer(fresh, typed, filters), await Answer(replaced, typed, filters));
        }
        Assert.Equal("4: ", (await Answer(replaced, "ancien", SearchFilters.None))[..3]);
    }

    [Theory]
    [InlineData("permis", "AutoEcole")]
    [InlineData("garde d'enfants", "Creche")]
    [InlineData("creche", "Creche")]
    [InlineData("hebergement", "Foyer")]
    [InlineData("addictologie", "Addiction")]
    public async Task TheDomainsSynonymList_LeadsFieldWordsToTheRightService(string typed, string expected)
    {
        var ids = new Dictionary<string, Guid> { ["AutoEcole"] = AutoEcole, ["Creche"] = Creche, ["Foyer"] = Foyer, ["Addiction"] = Addiction };
        var hits = await Index.SearchAsync(CiteA, typed, SearchFilters.None, DirectorySynonyms.Of);
        Assert.Equal(ids[expected], hits[0].ServiceId);
    }

    [Fact]
    public async Task VeryCommonWord_BeyondExactRanking_StillListsNameMatchesFirst_AndPagesWithoutRepeats()
    {
        var cite = Guid.NewGuid();
        var many = Enumerable.Range(0, DirectorySearchIndex.ExactRankingLimit + 100)
            .Select(i => new SearchDocument(Guid.NewGuid(), cite, $"Service {i}", "Structure", "", "", "", "", "Un atelier parmi d'autres.", []))
            .ToList();
        var named = new SearchDocument(Guid.NewGuid(), cite, "Atelier CV", "Structure", "", "", "", "", "Préparer son CV.", []);
        await Index.UpsertAsync([.. many, named]);

        Assert.Equal(many.Count + 1, await Index.CountAsync(cite, "atelier", SearchFilters.None, Synonyms));
        var first = await Index.SearchAsync(cite, "atelier", SearchFilters.None, Synonyms);
        Assert.Equal(named.ServiceId, first[0].ServiceId);
        Assert.Equal(20, first.Count);
        var second = await Index.SearchAsync(cite, "atelier", SearchFilters.None, Synonyms, skip: 20);
        Assert.Equal(20, second.Count);
        Assert.Empty(first.Select(h => h.ServiceId).Intersect(second.Select(h => h.ServiceId)));
    }

    [Fact]
    public async Task FewMatches_AreAllScored_TheNameWeighingMost_WhateverTheirOrderInTheIndex()
    {
        var cite = Guid.NewGuid();
        var inDescription = Enumerable.Range(0, 30)
            .Select(i => new SearchDocument(Guid.NewGuid(), cite, $"Service {i}", "Structure", "", "", "", "", "Un atelier parmi d'autres.", []))
            .ToList();
        var inBarriers = new SearchDocument(Guid.NewGuid(), cite, "Permanence", "Structure", "Ateliers collectifs", "", "", "", "Sans rendez-vous.", []);
        var named = new SearchDocument(Guid.NewGuid(), cite, "Atelier CV", "Structure", "", "", "", "", "Préparer son CV.", []);
        await Index.UpsertAsync([.. inDescription, inBarriers, named]);

        var hits = await Index.SearchAsync(cite, "ateliers", SearchFilters.None, Synonyms);
        Assert.Equal([named.ServiceId, inBarriers.ServiceId], hits.Take(2).Select(h => h.ServiceId));
        Assert.Equal(20, hits.Count);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Rank <= p.Second.Rank));
        var rest = await Index.SearchAsync(cite, "ateliers", SearchFilters.None, Synonyms, skip: 20);
        Assert.Equal(12, rest.Count);
        Assert.Equal(32, hits.Concat(rest).Select(h => h.ServiceId).Distinct().Count());
    }

    [Fact]
    public async Task LogementJeune_AmongHundredsOfPartialMatches_PutsTheHousingForYoungPeopleFirst()
    {
        // Beyond ExactRankingLimit both words are everywhere: housing services for anyone, youth services of every
        // kind, descriptions naming both. The service whose name says young and whose barrier says housing comes first.
        var cite = Guid.NewGuid();
        var noise = Enumerable.Range(0, DirectorySearchIndex.ExactRankingLimit + 200).Select(i => (i % 3) switch
        {
            0 => new SearchDocument(Guid.NewGuid(), cite, $"Accompagnement au logement {i}", "Bailleur", "Logement / hébergement", "", "Tous publics", "",
                "Pour les jeunes comme pour les autres.", [SearchIndexCodes.Frein("logement")]),
            1 => new SearchDocument(Guid.NewGuid(), cite, $"Point information jeunesse {i}", "Mairie", "Accès aux droits", "", "Jeunes", "",
                "Informations sur le logement, l'emploi, la santé.", [SearchIndexCodes.Frein("droits")]),
            _ => new SearchDocument(Guid.NewGuid(), cite, $"Permanence {i}", "Association", "Budget", "", "", "",
                "Jeunes et logement : nous orientons.", [SearchIndexCodes.Frein("budget")]),
        }).ToList();
        var foyer = new SearchDocument(Guid.NewGuid(), cite, "Foyer de jeunes travailleurs", "Habitat Jeunes", "Logement / hébergement", "Logement",
            "Jeunes 16-25 ans", "", "Chambres meublées.", [SearchIndexCodes.Frein("logement")]);
        await Index.UpsertAsync([.. noise, foyer]);

        var hits = await Index.SearchAsync(cite, "logement jeune", SearchFilters.None, DirectorySynonyms.Of);
        Assert.Equal(foyer.ServiceId, hits[0].ServiceId);
        Assert.Equal(20, hits.Count);
    }

    [Fact]
    public async Task ResultsNeverLeakAcrossCites_EvenBeyondExactRanking_AndEachCiteCountsItsOwn()
    {
        var big = Guid.NewGuid();
        var small = Guid.NewGuid();
        await Index.UpsertAsync([.. Enumerable.Range(0, DirectorySearchIndex.ExactRankingLimit + 50)
            .Select(i => new SearchDocument(Guid.NewGuid(), big, $"Crèche {i}", "Ville", "Garde d'enfants", "", "", "", "Accueil.", [SearchIndexCodes.Free]))]);
        var own = new SearchDocument(Guid.NewGuid(), small, "Crèche parentale", "Association", "Garde d'enfants", "", "", "", "Accueil.", [SearchIndexCodes.Free]);
        await Index.UpsertAsync([own]);

        Assert.Equal(own.ServiceId, Assert.Single(await Index.SearchAsync(small, "creche", SearchFilters.None, Synonyms)).ServiceId);
        Assert.Equal(own.ServiceId, Assert.Single(await Index.SearchAsync(small, null, new SearchFilters(FreeOnly: true), Synonyms)).ServiceId);
        Assert.Equal(1, await Index.CountAsync(small, "creche", SearchFilters.None, Synonyms));
        Assert.Equal(1, await Index.CountAsync(small, null, new SearchFilters(FreeOnly: true), Synonyms));
        var bigHits = await Index.SearchAsync(big, "creche", SearchFilters.None, Synonyms, take: 1_000);
        Assert.Equal(DirectorySearchIndex.ExactRankingLimit + 50, bigHits.Count);
        Assert.DoesNotContain(bigHits, h => h.ServiceId == own.ServiceId);
        Assert.Equal(DirectorySearchIndex.ExactRankingLimit + 50, await Index.CountAsync(big, "crech", SearchFilters.None, Synonyms));
        Assert.Equal(100, await Index.CountAsync(big, "crech", SearchFilters.None, Synonyms, atMost: 100));
        Assert.Equal(100, await Index.CountAsync(big, "creche", new SearchFilters(FreeOnly: true), Synonyms, atMost: 100));
        Assert.Equal(1, await Index.CountAsync(small, "creche", new SearchFilters(FreeOnly: true), Synonyms, atMost: 100));
        Assert.Empty(await Index.SearchAsync(Guid.NewGuid(), "creche", SearchFilters.None, Synonyms));
        Assert.Empty(await Index.SearchAsync(Guid.NewGuid(), null, new SearchFilters(FreeOnly: true), Synonyms));
        Assert.Empty(await Index.SearchAsync(small, null, new SearchFilters(Frein: "inconnu"), Synonyms));
    }

    [Fact]
    public async Task TheVocabularyFollowsReindexingAndRemoval()
    {
        var cite = Guid.NewGuid();
        var id = Guid.NewGuid();
        await Index.UpsertAsync([new SearchDocument(id, cite, "Vestiaire solidaire", "Secours", "", "", "", "", "Vêtements.", [SearchIndexCodes.Frein("budget")])]);
        Assert.Equal(1, await Index.CountAsync(cite, "vesti", SearchFilters.None, Synonyms));

        await Index.UpsertAsync([new SearchDocument(id, cite, "Épicerie solidaire", "Secours", "", "", "", "", "Alimentation.", [SearchIndexCodes.Frein("sante")])]);
        Assert.Equal(0, await Index.CountAsync(cite, "vesti", SearchFilters.None, Synonyms));
        Assert.Equal(0, await Index.CountAsync(cite, null, new SearchFilters(Frein: "budget"), Synonyms));
        Assert.Equal(1, await Index.CountAsync(cite, "epicerie", SearchFilters.None, Synonyms));
        Assert.Equal(1, await Index.CountAsync(cite, null, new SearchFilters(Frein: "sante"), Synonyms));

        await Index.RemoveAsync(id);
        Assert.Equal(0, await Index.CountAsync(cite, "epicerie", SearchFilters.None, Synonyms));
        Assert.Equal(0, await Index.CountAsync(cite, "solidaire", SearchFilters.None, Synonyms));
        Assert.Equal(0, await Index.CountAsync(cite, null, new SearchFilters(Frein: "sante"), Synonyms));
    }

    [Fact]
    public async Task DeletingIndexedRowsWithSql_LeavesTheIndexConsistent_AndClearEmptiesIt()
    {
        // The directory's indexer may empty the index with SQL before rebuilding it: the trigger keeps the FTS5
        // tables and the vocabulary in step with DirectorySearchKeys.
        var cite = Guid.NewGuid();
        var doc = new SearchDocument(Guid.NewGuid(), cite, "Jardin partagé", "Centre social", "", "", "", "", "Cultiver ensemble.", [SearchIndexCodes.Free]);
        await Index.UpsertAsync([doc]);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.Database.SearchIndexConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM DirectorySearchKeys WHERE service_id = $id";
            command.Parameters.AddWithValue("$id", doc.ServiceId.ToString("N"));
            await command.ExecuteNonQueryAsync();
        }
        Assert.Empty(await Index.SearchAsync(cite, "jardin", SearchFilters.None, Synonyms));
        Assert.Equal(0, await Index.CountAsync(cite, null, new SearchFilters(FreeOnly: true), Synonyms));

        await Index.UpsertAsync([doc]);
        Assert.Equal(doc.ServiceId, Assert.Single(await Index.SearchAsync(cite, "jardin", SearchFilters.None, Synonyms)).ServiceId);
        Assert.True((await Index.IndexedAsync()).Count > 0);
        await Index.ClearAsync();
        Assert.Empty(await Index.IndexedAsync());
        Assert.Empty(await Index.SearchAsync(cite, "jardin", SearchFilters.None, Synonyms));
        Assert.Empty(await Index.SearchAsync(CiteA, "creche", SearchFilters.None, Synonyms));

        await Index.UpsertAsync([doc]);
        Assert.Equal(1, await Index.CountAsync(cite, "jardin", SearchFilters.None, Synonyms));
    }

    [Fact]
    public async Task APrefixBeginningMoreWordsThanItCanStandFor_StandsForTheMostCommon()
    {
        var cite = Guid.NewGuid();
        var rare = Enumerable.Range(0, DirectorySearchIndex.PrefixWords + 20)
            .Select(i => new SearchDocument(Guid.NewGuid(), cite, $"Atelier {i}", "Structure", "", "", "", "", $"mot{i}", []));
        var common = Enumerable.Range(0, 3)
            .Select(i => new SearchDocument(Guid.NewGuid(), cite, $"Motricité {i}", "Structure", "", "", "", "", "Éveil.", []))
            .ToList();
        await Index.UpsertAsync([.. rare, .. common]);

        var hits = await Index.SearchAsync(cite, "mo", SearchFilters.None, Synonyms);
        Assert.Equal(common.Select(d => d.ServiceId).Order(), hits.Take(3).Select(h => h.ServiceId).Order());
        // "motricite" and 63 of the 84 words seen once: 3 + 63 services.
        Assert.Equal(DirectorySearchIndex.PrefixWords + 2, await Index.CountAsync(cite, "mo", SearchFilters.None, Synonyms));
    }

    [Fact]
    public void MarkedText_IsEscapedBeforeMarking()
    {
        var html = DirectorySearchIndex.ToHtml($"<script>{SearchHit.MarkStart}x{SearchHit.MarkEnd}</script>");
        Assert.Equal("&lt;script&gt;<mark>x</mark>&lt;/script&gt;", html);
    }
}
