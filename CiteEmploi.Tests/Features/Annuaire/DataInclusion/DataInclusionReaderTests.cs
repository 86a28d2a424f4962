using System.Text;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire.DataInclusion;

public class DataInclusionReaderTests
{
    // ---- a realistic file ----

    [Fact]
    public void SampleJson_IsReadWhole_WithEveryField()
    {
        var batch = ReadJsonSamples();

        Assert.True(batch.IsValid, batch.Describe());
        Assert.Equal(5, batch.Structures.Count);
        Assert.Equal(6, batch.Services.Count);
        Assert.Equal(DataInclusionFormat.Json, batch.StructuresFile.Format);

        var missionLocale = batch.Structures[0];
        Assert.Equal(0, missionLocale.Position);
        Assert.Equal(new ExternalReference("dora", "dora--ml-belfort"), missionLocale.Reference);
        Assert.Equal(new DateOnly(2025, 11, 4), missionLocale.DateMaj);
        Assert.Equal("Mission Locale du Territoire de Belfort", missionLocale.Details.Name);
        Assert.Equal("77900106203481", missionLocale.Details.Siret);
        Assert.Equal("12 rue de l'Étuve", missionLocale.Details.Address!.Street);
        Assert.Equal("90010", missionLocale.Details.Address.InseeCode);
        Assert.Equal(47.6386, missionLocale.Details.Address.Latitude);
        Assert.Equal(["mission-locale"], missionLocale.Details.Networks);

        var permis = batch.Services[0];
        Assert.Equal(new ExternalReference("dora", "dora--permis-accompagne"), permis.Reference);
        Assert.Equal(new ExternalReference("dora", "dora--auto-ecole-sociale-90"), permis.StructureReference);
        Assert.Equal(["mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"], permis.Details.Thematiques);
        Assert.Equal(new ServiceContact("Sam Durand", "03 84 00 10 31", "orientation@auto-ecole-sociale-90.example.fr"), permis.Details.Contact);
        Assert.Equal(6m, permis.Details.WeeklyHours);
        Assert.Equal(12, permis.Details.NumberOfWeeks);
        Assert.Contains("\n- évaluation de départ", permis.Details.Description, StringComparison.Ordinal);
        Assert.Equal(4.5m, batch.Services[2].Details.WeeklyHours);
    }

    [Fact]
    public void SampleJson_FieldsOutsideTheSchema_AreIgnoredAndNoted()
    {
        var batch = ReadJsonSamples();

        Assert.Contains(batch.StructuresFile.Notes, n => n.Contains("score_qualite", StringComparison.Ordinal));
        Assert.Empty(batch.ServicesFile.Notes);
    }

    [Fact]
    public void SampleCsv_FromAFrenchSpreadsheet_ReadsTheSameRecordsAsTheJson()
    {
        var json = ReadJsonSamples();
        var csv = DataInclusionReader.Read(SampleFile("structures.csv"), SampleFile("services.csv"), Options);

        Assert.True(csv.IsValid, csv.Describe());
        Assert.Equal(DataInclusionFormat.Csv, csv.ServicesFile.Format);
        Assert.Equal(json.Structures.Select(Summary), csv.Structures.Select(Summary));
        Assert.Equal(json.Services.Select(Summary), csv.Services.Select(Summary));
        // CSV positions are line numbers: the header is line 1, and the first service's description spans 5 lines
        Assert.Equal([2, 3, 4, 5, 6], csv.Structures.Select(s => s.Position));
        Assert.Equal(7, csv.Services[1].Position);
        Assert.Equal("ligne 7", csv.Services[1].Location);
    }

    private static string Summary(StructureRecord r) =>
        System.Text.Json.JsonSerializer.Serialize(new { r.Reference, r.DateMaj, r.Details });

    private static string Summary(ServiceRecord r) =>
        System.Text.Json.JsonSerializer.Serialize(new { r.Reference, r.DateMaj, r.Details, r.StructureReference });

    [Fact]
    public void Csv_CommaSeparated_WithQuotedListsAndJsonStyleLists_IsRead()
    {
        var structures = "source,id,nom,date_maj,reseaux_porteurs\r\ndora,dora--s1,\"Centre social, du Mont\",2025-10-01,\"caf,ccas-cias\"\r\n";
        var services = "source,structure_id,id,nom,description,date_maj,thematiques,latitude,longitude\n"
            + "dora,dora--s1,dora--v1,Atelier numérique,\"Dire \"\"bonjour\"\" à l'ordinateur.\",2025-10-01,\"[\"\"numerique--acquerir-un-equipement\"\", \"\"mobilite--preparer-un-permis\"\"]\",47.5,6.8\n";

        var batch = DataInclusionReader.Read(Text("s.csv", structures), Text("v.csv", services), Options);

        Assert.True(batch.IsValid, batch.Describe());
        Assert.Equal("Centre social, du Mont", batch.Structures[0].Details.Name);
        Assert.Equal(["caf", "ccas-cias"], batch.Structures[0].Details.Networks);
        Assert.Equal("Dire \"bonjour\" à l'ordinateur.", batch.Services[0].Details.Description);
        Assert.Equal(["numerique--acquerir-un-equipement", "mobilite--preparer-un-permis"], batch.Services[0].Details.Thematiques);
        Assert.Equal(47.5, batch.Services[0].Details.Address!.Latitude);
    }

    [Fact]
    public void ApiPage_WithItems_IsReadAsItsRecords()
    {
        var batch = ReadJson($"{{\"items\": [{StructureJson()}], \"total\": 1}}", $"[{ServiceJson()}]");

        Assert.True(batch.IsValid, batch.Describe());
        Assert.Single(batch.Structures);
    }

    [Fact]
    public void Service_MayPointToAStructureAlreadyInTheCite()
    {
        var options = Options with { KnownStructures = [new ExternalReference("dora", "dora--deja-la")] };

        var batch = DataInclusionReader.Read(Text("s.json", "[]"), Text("v.json", $"[{ServiceJson(structureId: "dora--deja-la")}]"), options);

        Assert.True(batch.IsValid, batch.Describe());
        Assert.Equal(new ExternalReference("dora", "dora--deja-la"), batch.Services[0].StructureReference);
    }

    [Fact]
    public void Service_FindsItsStructureById_WhenTheStructureHasAnotherSource()
    {
        // data·inclusion ids are global (« producer--record »): a service may be published by another producer
        var batch = ReadJson([StructureJson("dora--s1")], [ServiceJson(changes: [("source", "\"cd90\"")])]);

        Assert.True(batch.IsValid, batch.Describe());
        Assert.Equal(new ExternalReference("dora", "dora--s1"), batch.Services[0].StructureReference);
    }

    // ---- bad input ----

    [Fact]
    public void MalformedJson_IsRefusedWithItsLine()
    {
        var broken = "[\n  {\"source\": \"dora\", \"id\": \"dora--s1\",\n   \"nom\": \"Centre\" \"date_maj\": \"2025-10-01\"}\n]";

        var batch = ReadJson(broken, "[]");

        Assert.False(batch.IsValid);
        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.Contains("JSON mal formé ligne 3", issue.Message, StringComparison.Ordinal);
        Assert.Empty(batch.Structures);
    }

    [Fact]
    public void JsonThatIsNotAList_IsRefused()
    {
        var batch = ReadJson(StructureJson(), "[]");

        Assert.Contains("liste d'enregistrements", Assert.Single(batch.StructuresFile.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonElementThatIsNotAnObject_IsRefusedAlone()
    {
        var batch = ReadJson($"[{StructureJson()}, 42]", $"[{ServiceJson()}]");

        Assert.True(batch.Structures[0].IsValid);
        Assert.Equal("élément n° 2 (index 1)", batch.Structures[1].Location);
        Assert.Contains("n'est pas un objet JSON", Assert.Single(batch.Structures[1].Issues).Message, StringComparison.Ordinal);
        Assert.False(batch.IsValid);
    }

    [Fact]
    public void MalformedCsv_UnclosedQuote_IsRefusedWithTheLine()
    {
        var csv = "source,id,nom,date_maj\ndora,dora--s1,Centre,2025-10-01\ndora,dora--s2,\"Centre du Mont,2025-10-01\n";

        var batch = DataInclusionReader.Read(Text("s.csv", csv), Text("v.json", "[]"), Options);

        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.StartsWith("CSV mal formé", issue.Message, StringComparison.Ordinal);
        Assert.Contains("ligne 3", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedCsv_TextAfterAClosingQuote_IsRefusedWithTheLine()
    {
        var csv = "source,id,nom,date_maj\ndora,dora--s1,Centre,2025-10-01\n\ndora,dora--s2,\"Centre\" du Mont,2025-10-01\n";

        var batch = DataInclusionReader.Read(Text("s.csv", csv), Text("v.json", "[]"), Options);

        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.StartsWith("CSV mal formé", issue.Message, StringComparison.Ordinal);
        Assert.Contains("ligne 4", issue.Message, StringComparison.Ordinal);
        Assert.Empty(batch.Structures);
    }

    [Fact]
    public void CsvRecords_SpanningLines_AreNamedByTheLineTheyStartOn_AndAQuoteInsideAnUnquotedTextIsKept()
    {
        var csv = "source,id,nom,description,date_maj\r\n"
            + "dora,dora--s1,Centre,\"Accueil\r\nsur deux lignes\",2025-10-01\r\n"
            + "dora,dora--s2,Centre \"Le Mont\",,pas une date\r\n";

        var batch = DataInclusionReader.Read(Text("s.csv", csv), Text("v.json", "[]"), Options);

        Assert.True(batch.StructuresFile.IsReadable);
        Assert.Equal("ligne 2", batch.Structures[0].Location);
        Assert.Equal("Accueil\r\nsur deux lignes", batch.Structures[0].Details.Description);
        Assert.Equal("ligne 4", batch.Structures[1].Location);
        Assert.Equal("Centre \"Le Mont\"", batch.Structures[1].Details.Name);
        Assert.False(batch.Structures[1].IsValid);
    }

    [Fact]
    public void CsvLine_WithTooManyCells_IsRefusedAlone()
    {
        var csv = "source,id,nom,date_maj\ndora,dora--s1,Centre du Mont,2025-10-01\ndora,dora--s2,Centre, du Lac,2025-10-01\n";

        var batch = DataInclusionReader.Read(Text("s.csv", csv), Text("v.json", "[]"), Options);

        Assert.True(batch.Structures[0].IsValid);
        var issue = Assert.Single(batch.Structures[1].Issues);
        Assert.Contains("5 colonnes au lieu des 4", issue.Message, StringComparison.Ordinal);
        Assert.Equal("ligne 3", batch.Structures[1].Location);
    }

    [Fact]
    public void CsvHeader_WithoutARequiredColumn_IsRefused()
    {
        var csv = "source,identifiant,nom,date_maj\ndora,dora--s1,Centre du Mont,2025-10-01\n";

        var batch = DataInclusionReader.Read(Text("s.csv", csv), Text("v.json", "[]"), Options);

        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.Contains("absente de l'en-tête (ligne 1) : id.", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1File_IsRefusedAsNotUtf8_WithTheLine()
    {
        var latin1 = Encoding.Latin1.GetBytes("source;id;nom;date_maj\ndora;dora--s1;Centre social Les Résidences;2025-10-01\n");

        var batch = DataInclusionReader.Read(new DataInclusionInput("s.csv", latin1), Text("v.json", "[]"), Options);

        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.Contains("pas encodé en UTF-8", issue.Message, StringComparison.Ordinal);
        Assert.Contains("ligne 2", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16File_IsRefused()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("[]")).ToArray();

        var batch = DataInclusionReader.Read(new DataInclusionInput("s.json", utf16), Text("v.json", "[]"), Options);

        Assert.Contains("UTF-16", Assert.Single(batch.StructuresFile.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_IsRefused()
    {
        var batch = ReadJson("  \n", "[]");

        Assert.Equal("Le fichier est vide.", Assert.Single(batch.StructuresFile.Issues).Message);
    }

    [Fact]
    public void UnknownCodes_AreRefused_NamingEachCodeAndField()
    {
        var batch = ReadJson(
            [StructureJson(changes: [("reseaux_porteurs", "[\"caf\", \"reseau-imaginaire\"]")])],
            [ServiceJson(changes: [("thematiques", "[\"mobilite--voler\"]"), ("publics", "[\"jeunes\", \"martiens\"]")])]);

        var structureIssue = Assert.Single(batch.Structures[0].Issues);
        Assert.Equal("reseaux_porteurs", structureIssue.Field);
        Assert.Contains("« reseau-imaginaire »", structureIssue.Message, StringComparison.Ordinal);
        var serviceIssues = batch.Services[0].Issues;
        Assert.Contains(serviceIssues, i => i.Field == "thematiques" && i.Message.Contains("« mobilite--voler »", StringComparison.Ordinal));
        Assert.Contains(serviceIssues, i => i.Field == "publics" && i.Message.Contains("« martiens »", StringComparison.Ordinal));
        // its structure is refused, so the service cannot be imported either, and says why
        Assert.Contains(serviceIssues, i => i.Field == "structure_id" && i.Message.Contains("est refusée", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingRequiredFields_AreNamed()
    {
        var batch = ReadJson(
            [StructureJson(changes: [("nom", null), ("date_maj", null)])],
            [ServiceJson(changes: [("structure_id", null), ("description", null), ("source", null)])]);

        var structure = batch.Structures[0];
        Assert.Contains(structure.Issues, i => i.Field == "nom" && i.Message.Contains("obligatoire", StringComparison.Ordinal));
        Assert.Contains(structure.Issues, i => i.Field == "date_maj" && i.Message.Contains("obligatoire", StringComparison.Ordinal));
        var service = batch.Services[0];
        Assert.Contains(service.Issues, i => i.Field == "structure_id" && i.Message.Contains("obligatoire", StringComparison.Ordinal));
        Assert.Contains(service.Issues, i => i.Field == "description");
        Assert.Contains(service.Issues, i => i.Field == "source");
    }

    [Fact]
    public void WrongTypes_AreRefusedOnce_SayingWhatWasExpected()
    {
        var batch = ReadJson(
            [StructureJson(changes: [("code_postal", "90000"), ("nom", "true")])],
            [ServiceJson(changes: [("thematiques", "\"numerique--acquerir-un-equipement\""), ("nombre_semaines", "2.5"), ("volume_horaire_hebdomadaire", "\"6\"")])]);

        var structure = batch.Structures[0].Issues;
        Assert.Contains(structure, i => i.Field == "code_postal" && i.Message.Contains("pas le nombre 90000", StringComparison.Ordinal));
        // nom had the wrong type: the domain's « le nom est obligatoire » is not added on top
        Assert.Single(structure, i => i.Field == "nom");
        var service = batch.Services[0].Issues;
        Assert.Contains(service, i => i.Field == "thematiques" && i.Message.Contains("liste de codes", StringComparison.Ordinal));
        Assert.Contains(service, i => i.Field == "nombre_semaines" && i.Message.Contains("entier", StringComparison.Ordinal));
        Assert.Contains(service, i => i.Field == "volume_horaire_hebdomadaire" && i.Message.Contains("nombre", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"14/02/2025\"", "date invalide")]
    [InlineData("\"2025-02-30\"", "date invalide")]
    [InlineData("\"2027-01-01\"", "dans le futur")]
    public void BadDates_AreRefused(string date, string expected)
    {
        var batch = ReadJson([StructureJson(changes: [("date_maj", date)])], []);

        var issue = Assert.Single(batch.Structures[0].Issues);
        Assert.Equal("date_maj", issue.Field);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextOverTheSchemaLimits_IsRefused()
    {
        var longName = new string('a', 151);
        var longDescription = new string('b', 10_001);

        var batch = ReadJson(
            [StructureJson(changes: [("nom", $"\"{longName}\"")])],
            [ServiceJson(changes: [("description", $"\"{longDescription}\"")])]);

        Assert.Contains(batch.Structures[0].Issues, i => i.Field == "nom" && i.Message.Contains("151", StringComparison.Ordinal));
        Assert.Contains(batch.Services[0].Issues, i => i.Field == "description" && i.Message.Contains("10001", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateIds_RefuseEveryCopy_NamingTheOthers()
    {
        var batch = ReadJson(
            [StructureJson("dora--s1"), StructureJson("dora--s2"), StructureJson("dora--s1", ("nom", "\"Autre centre\""))],
            [ServiceJson("dora--v1"), ServiceJson("dora--v1", "dora--s2")]);

        Assert.False(batch.Structures[0].IsValid);
        Assert.True(batch.Structures[1].IsValid);
        Assert.Contains("élément n° 3", Assert.Single(batch.Structures[0].Issues).Message, StringComparison.Ordinal);
        Assert.Contains("élément n° 1", Assert.Single(batch.Structures[2].Issues).Message, StringComparison.Ordinal);
        Assert.All(batch.Services, s => Assert.Contains(s.Issues, i => i.Message.Contains("identifiant en double", StringComparison.Ordinal)));
    }

    [Fact]
    public void SameIdFromTwoSources_IsNotADuplicate()
    {
        var batch = ReadJson([StructureJson("s1"), StructureJson("s1", ("source", "\"cd90\""))], []);

        Assert.True(batch.IsValid, batch.Describe());
    }

    [Fact]
    public void Service_OfAnUnknownStructure_IsRefused()
    {
        var batch = ReadJson([StructureJson("dora--s1")], [ServiceJson(structureId: "dora--fantome")]);

        var issue = Assert.Single(batch.Services[0].Issues);
        Assert.Equal("structure_id", issue.Field);
        Assert.Contains("structure inconnue « dora--fantome »", issue.Message, StringComparison.Ordinal);
        Assert.Null(batch.Services[0].StructureReference);
    }

    [Fact]
    public void Service_OfARefusedStructure_IsRefusedToo()
    {
        var batch = ReadJson([StructureJson(changes: [("siret", "\"12345678901234\"")])], [ServiceJson()]);

        Assert.Contains(batch.Structures[0].Issues, i => i.Field == "siret");
        Assert.Contains("est refusée (élément n° 1 (index 0)", Assert.Single(batch.Services[0].Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileOverTheSizeLimit_IsRefusedUnread()
    {
        var batch = DataInclusionReader.Read(DataInclusionInput.TooLarge("enorme.json", 80L * 1024 * 1024), Text("v.json", "[]"), Options);

        var issue = Assert.Single(batch.StructuresFile.Issues);
        Assert.Contains("80 Mo", issue.Message, StringComparison.Ordinal);
        Assert.Contains(DataInclusionLimits.MaxFileSizeText, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_StopsReadingAtTheSizeLimit()
    {
        // a stream that would never end: the reader must stop at the limit, not try to hold it all
        await using var endless = new EndlessStream();

        var input = await DataInclusionInput.LoadAsync("infini.json", endless);

        Assert.NotNull(input.RefusedSize);
        Assert.True(endless.Served <= DataInclusionLimits.MaxFileBytes + 81_920);
    }

    [Fact]
    public void TooManyRecords_AreRefused()
    {
        var rows = new StringBuilder("source,id,nom,date_maj\n");
        for (var i = 0; i <= DataInclusionLimits.MaxRecordsPerFile; i++)
        {
            rows.Append("dora,s").Append(i).Append(",Centre,2025-10-01\n");
        }

        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        DataInclusionBatch batch;
        try
        {
            batch = DataInclusionReader.Read(Text("s.csv", rows.ToString()), Text("v.json", "[]"), Options);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }

        // French digits even on a server whose culture is English (« 100 000 », never « 100,000 »)
        var message = Assert.Single(batch.StructuresFile.Issues).Message.Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains("au plus 100 000 par fichier", message, StringComparison.Ordinal);
        Assert.Empty(batch.Structures);
    }

    [Fact]
    public void HostileMarkdown_IsKeptAsText_ForTheRendererToSanitise()
    {
        // the reader neither runs nor strips it: the description is stored as written, rendering sanitises it
        var batch = ReadJson([StructureJson()], [ServiceJson(changes: [("description", "\"<script>alert(1)</script> [lien](javascript:alert(1))\"")])]);

        Assert.True(batch.IsValid, batch.Describe());
        Assert.StartsWith("<script>", batch.Services[0].Details.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ListsEveryRefusedRecordWithItsPlaceAndReason()
    {
        var batch = ReadJson([StructureJson(changes: [("reseaux_porteurs", "[\"inconnu\"]")])], [ServiceJson(structureId: "dora--x")]);

        var report = batch.Describe();

        Assert.Contains("structures.json, élément n° 1 (index 0) (structure « dora--s1 ») :", report, StringComparison.Ordinal);
        Assert.Contains("« reseaux_porteurs » : Code inconnu « inconnu »", report, StringComparison.Ordinal);
        Assert.Contains("services.json, élément n° 1 (index 0) (service « dora--v1 ») :", report, StringComparison.Ordinal);
    }

    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
