using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire.DataInclusion;

/// <summary>
/// Issue 15's weak points of the directory import, on the real app and database: one import at a time per Cité, an
/// upload cut off in the middle, a JSON file nested too deeply.
/// </summary>
public sealed class DirectoryImportLimitsTests(DirectoryImporterTests.Cites fixture) : IClassFixture<DirectoryImporterTests.Cites>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private DirectoryImporter Importer => fixture.App.Get<DirectoryImporter>();

    [Fact]
    public async Task ASecondImportOfTheSameCite_WhileTheFirstRuns_IsRefusedInFrench_AnotherCitesIsNot_AndTheNextOneGoesAhead()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import unique");
        var (elsewhere, _) = await fixture.NewCiteAsync("Cité import voisine");
        // the first import stops at its first progress report (after its commit, before the search index) until released
        using var release = new ManualResetEventSlim();
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new HoldingProgress(paused, release);
        var first = Task.Run(() => Importer.ImportFilesAsync(coordinator, SampleFile("structures.json"), SampleFile("services.json"), ImportMode.AllOrNothing, holding));
        await paused.Task.WaitAsync(Wait);

        var second = await Importer.ImportFilesAsync(coordinator, SampleFile("structures.json"), SampleFile("services.json"), ImportMode.AllOrNothing);
        var neighbour = await Importer.ImportFilesAsync(elsewhere, SampleFile("structures.json"), SampleFile("services.json"), ImportMode.AllOrNothing);

        release.Set();
        Assert.Equal(ImportOutcome.Imported, (await first.WaitAsync(Wait)).Outcome);
        Assert.Equal(ImportOutcome.Busy, second.Outcome);
        Assert.Equal(0, second.Counts.New + second.Counts.Updated);
        Assert.StartsWith("Un import est déjà en cours pour cette Cité", second.Describe(), StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Imported, neighbour.Outcome);
        // the first one over, the Cité imports again (here: the same files, all unchanged)
        var next = await Importer.ImportFilesAsync(coordinator, SampleFile("structures.json"), SampleFile("services.json"), ImportMode.AllOrNothing);
        Assert.Equal(ImportOutcome.Imported, next.Outcome);
        Assert.Equal(0, next.Counts.New);
    }

    [Fact]
    public async Task AnUploadCutOffInTheMiddle_SaysTheSendingWasInterrupted_AndNothingIsImported()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité envoi coupé");
        var bytes = File.ReadAllBytes(PathOf("services.json"));
        await using var cut = new BreakingStream(bytes, breakAfter: bytes.Length / 2);

        var services = await DataInclusionInput.LoadAsync("services.json", cut);
        var report = await Importer.ImportFilesAsync(coordinator, SampleFile("structures.json"), services, ImportMode.AllOrNothing);

        Assert.True(services.IsInterrupted);
        Assert.Equal(ImportOutcome.Refused, report.Outcome);
        Assert.Contains(DataInclusionInput.InterruptedMessage, report.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("mal formé", report.Describe(), StringComparison.Ordinal);
        Assert.Equal(0, report.Counts.New);
    }

    [Fact]
    public void AJsonFileNestedTooDeeply_IsSaidSo_WithTheLimit_NotCalledMalformed()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var services = Text("services.json", $"[{{\"id\": \"dora--v1\", \"structure_id\": \"dora--s1\", \"nom\": \"Profond\", \"thematiques\": {deep}}}]");

        var batch = DataInclusionReader.Read(Text("structures.json", $"[{StructureJson()}]"), services, Options);

        var message = Assert.Single(batch.ServicesFile.Issues).Message;
        Assert.DoesNotContain("mal formé", message, StringComparison.Ordinal);
        Assert.Contains($"plus de {DataInclusionLimits.MaxJsonDepth} niveaux", message, StringComparison.Ordinal);
        // a file that is merely broken is still called malformed
        var broken = DataInclusionReader.Read(Text("structures.json", $"[{StructureJson()}]"), Text("services.json", "[{\"id\": "), Options);
        Assert.Contains("mal formé", Assert.Single(broken.ServicesFile.Issues).Message, StringComparison.Ordinal);
    }

    /// <summary>Reports to the test the first time it is told, then holds the import until released.</summary>
    private sealed class HoldingProgress(TaskCompletionSource paused, ManualResetEventSlim release) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            paused.TrySetResult();
            release.Wait(Wait);
        }
    }

    /// <summary>An upload whose connection drops after <paramref name="breakAfter"/> bytes.</summary>
    private sealed class BreakingStream(byte[] content, int breakAfter) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
            {
                throw new IOException("The remote party closed the connection.");
            }
            var allowed = (int)Math.Min(buffer.Length, breakAfter - Position);
            return await base.ReadAsync(buffer[..allowed], cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The remote party closed the connection.");
    }
}
