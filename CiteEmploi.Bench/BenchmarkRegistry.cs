using CiteEmploi.Bench.Annuaire;
using CiteEmploi.Bench.Diagnostic;
using CiteEmploi.Bench.Live;
using CiteEmploi.Bench.National;
using CiteEmploi.Bench.Roadmap;
using CiteEmploi.Bench.Sessions;

namespace CiteEmploi.Bench;

/// <summary>Every benchmark the program knows. A new one is a class implementing <see cref="IBenchmark"/> plus one line here.</summary>
public static class BenchmarkRegistry
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new LiveBusFanOutBenchmark(),
        new HubCapacityBenchmark(),
        new CircuitCapacityBenchmark(),
        new DirectorySearchBenchmark(),
        new DirectoryNearBenchmark(),
        new DirectoryImportBenchmark(),
        new DirectoryImportMemoryBenchmark(),
        new BoardPropagationBenchmark(),
        new BoardFanOutBenchmark(),
        new BoardSustainedBenchmark(),
        new BoardPagesBenchmark(),
        new BoardMemoryBenchmark(),
        new BoardOpenBenchmark(),
        new PlanAsOfBenchmark(),
        new AgendaReorderBenchmark(),
        new PlanRenderBenchmark(),
        new PlanPagesBenchmark(),
        new PlanEditorsBenchmark(),
        new SessionNextBenchmark(),
        new DiagnosticCoverageBenchmark(),
        new DiagnosticPageBenchmark(),
        new NationalIndicatorsBenchmark(),
    ];

    public static IBenchmark? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
