using CiteEmploi.Bench;

// Usage: dotnet run -c Release --project CiteEmploi.Bench -- <name>|all|--list [--seconds N] [--pages N]
// Everything goes to standard output as Markdown, so a run can be pasted into docs/benchmarks.md as it is.
var output = Console.Out;
var what = args.Length == 0 ? "--list" : args[0];
BenchmarkArguments.Parse([.. args.Skip(1)]);

if (what is "--list" or "-l" or "--help" or "-h")
{
    output.WriteLine("Usage: dotnet run -c Release --project CiteEmploi.Bench -- <name>|all");
    output.WriteLine();
    foreach (var benchmark in BenchmarkRegistry.All)
    {
        output.WriteLine($"  {benchmark.Name,-12} {benchmark.Description}");
    }
    return args.Length == 0 ? 1 : 0;
}

IReadOnlyList<IBenchmark> selected;
if (string.Equals(what, "all", StringComparison.OrdinalIgnoreCase))
{
    selected = BenchmarkRegistry.All;
}
else if (BenchmarkRegistry.Find(what) is { } one)
{
    selected = [one];
}
else
{
    Console.Error.WriteLine($"Unknown benchmark '{what}'. Known: {string.Join(", ", BenchmarkRegistry.All.Select(b => b.Name))}, all.");
    return 2;
}

MachineInfo.Write(output);
if (MachineInfo.BuildConfiguration != "Release")
{
    output.WriteLine("> **Warning:** Debug build — figures are not representative. Use `dotnet run -c Release`.");
    output.WriteLine();
}

foreach (var benchmark in selected)
{
    output.WriteLine($"## {benchmark.Name}");
    output.WriteLine();
    output.WriteLine(benchmark.Description);
    output.WriteLine();
    var started = TimeProvider.System.GetTimestamp();
    await benchmark.RunAsync(output);
    output.WriteLine();
    output.WriteLine($"_{benchmark.Name}: {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s._");
    output.WriteLine();
}
return 0;
