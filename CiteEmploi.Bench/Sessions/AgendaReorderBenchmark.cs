using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Bench.Sessions;

/// <summary>
/// Issue 13's figure « reordering 30 items recomputes every start &lt; 50 ms »: an agenda of 30 items (10 items with two
/// sub-items each), one item moved (with its sub-items) from the top to the end, then every number, planned start and
/// the running forecast computed again (<see cref="AgendaSchedule"/>). Beside it, in the same run: the schedule alone
/// without a move, and the same move on an 8-item agenda. In memory: what the service adds is one read and one commit.
/// </summary>
public sealed class AgendaReorderBenchmark : IBenchmark
{
    private const int Warmup = 200;
    private const int Runs = 2000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly SessionActor Bench = new(null, "Banc");
    private static readonly DateOnly Day = new(2026, 3, 12);

    public string Name => "agenda-reorder";

    public string Description =>
        $"An agenda of 30 items (10 with two sub-items each): one item moved from the top to the end, then every planned start and the live "
        + $"forecast recomputed; {Runs} runs after {Warmup} warm-up. Baselines in the same run: the schedule alone, and the same move on 8 items.";

    public Task RunAsync(TextWriter output)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);
        var thirty = Agenda(10, 2);
        var eight = Agenda(4, 1);
        var now = FrenchTime.At(Day, new TimeOnly(9, 20));
        var table = new MarkdownTable(("Measure", false), ("Items", true), ("median ms", true), ("p95 ms", true), ("max ms", true), ("Target", false));
        Row(table, "move the first item to the end + recompute every start and the forecast", 30, () => MoveAndSchedule(thirty, now), stopAt, "< 50 ms");
        Row(table, "baseline: recompute every start and the forecast, no move", 30, () => thirty.ScheduleAt(now), stopAt, "—");
        Row(table, "baseline: the same move on a short agenda", 8, () => MoveAndSchedule(eight, now), stopAt, "—");
        table.Write(output);
        return Task.CompletedTask;
    }

    private static AgendaSchedule MoveAndSchedule(Session session, DateTimeOffset now)
    {
        var first = session.Items[0].Id;
        session.MoveItem(first, null, int.MaxValue, Bench);
        session.ClearDomainEvents();
        return session.ScheduleAt(now);
    }

    /// <summary>A running session (started at 9:00, on its first step) with <paramref name="top"/> items of <paramref name="subs"/> sub-items.</summary>
    private static Session Agenda(int top, int subs)
    {
        var session = Session.Create(Guid.NewGuid(), new SessionDetails(SessionKind.Interconnaissance, "Banc", Day, new TimeOnly(9, 0), new TimeOnly(17, 0)), Bench,
            FrenchTime.At(Day, new TimeOnly(8, 0)));
        for (var i = 1; i <= top; i++)
        {
            var item = session.AddItem(null, new AgendaItemContent($"Point {i}", 10), Bench);
            for (var j = 1; j <= subs; j++)
            {
                session.AddItem(item, new AgendaItemContent($"Point {i}.{j}", 5 + j), Bench);
            }
        }
        session.Start(Bench, FrenchTime.At(Day, new TimeOnly(9, 0)));
        session.ClearDomainEvents();
        return session;
    }

    private static void Row(MarkdownTable table, string label, int items, Func<AgendaSchedule> measure, long stopAt, string target)
    {
        var summary = LatencySummary.Measure(() => measure(), Warmup, Runs, stopAt);
        table.AddRow(label, items.ToString(CultureInfo.InvariantCulture), Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds),
            Ms(summary.PercentileMicroseconds(100)), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);
}
