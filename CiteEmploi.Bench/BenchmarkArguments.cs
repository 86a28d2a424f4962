using System.Globalization;

namespace CiteEmploi.Bench;

/// <summary>Options after the benchmark's name, e.g. <c>board-sustained --seconds 10</c>, <c>plan-pages --pages 10</c>.</summary>
public static class BenchmarkArguments
{
    /// <summary>How long a sustained benchmark runs, when given.</summary>
    public static int? Seconds { get; private set; }

    /// <summary>How many browser pages a page benchmark opens, when given (<c>plan-pages --pages 10</c>).</summary>
    public static int? Pages { get; private set; }

    public static void Parse(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--seconds" && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 600)
            {
                Seconds = s;
            }
            if (args[i] == "--pages" && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 60)
            {
                Pages = p;
            }
        }
    }
}
