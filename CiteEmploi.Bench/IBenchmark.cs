namespace CiteEmploi.Bench;

/// <summary>One named benchmark, run with <c>dotnet run -c Release --project CiteEmploi.Bench -- &lt;name&gt;</c>.</summary>
public interface IBenchmark
{
    /// <summary>The short name typed on the command line (lower-case, dashes).</summary>
    string Name { get; }

    /// <summary>One sentence saying what is measured, printed above the results.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark (bounded in count and time) and writes its results as Markdown.</summary>
    Task RunAsync(TextWriter output);
}
