using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>
/// Who has met whom in the Cité: two structures have met when people of both checked in at the same closed session
/// (whatever its kind: a COPIL is a meeting too). A structure is named as the attendance sheet names it; two spellings
/// of one name (« CCAS », « ccas », « C.C.A.S. ») are one structure (<see cref="KeyOf"/>). People without a structure
/// (<see cref="Session.NoStructure"/>) meet nobody here: the page cannot say whom they represent.
/// </summary>
public sealed class Acquaintances
{
    private static readonly StringComparer FrenchOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true);
    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, int> _sessions;
    private readonly Dictionary<(string, string), int> _met;

    private Acquaintances(Dictionary<string, string> names, Dictionary<string, int> sessions, Dictionary<(string, string), int> met)
    {
        (_names, _sessions, _met) = (names, sessions, met);
        Structures = [.. names.Values.OrderBy(n => n, FrenchOrder)];
    }

    /// <summary>Nobody has met anybody (a Cité without closed sessions).</summary>
    public static Acquaintances None { get; } = new([], [], []);

    /// <summary>The structures seen in the sessions, in French alphabetical order.</summary>
    public IReadOnlyList<string> Structures { get; }

    /// <summary>The key two spellings of one structure share; empty for a person without a structure.</summary>
    public static string KeyOf(string? structureName)
    {
        // without the spaces Fold leaves between words: « C.C.A.S. » and « CCAS » are one
        var key = Text.Fold(structureName).Replace(" ", "", StringComparison.Ordinal);
        return key == Text.Fold(Session.NoStructure).Replace(" ", "", StringComparison.Ordinal) ? string.Empty : key;
    }

    /// <summary>
    /// From the attendance of <paramref name="sessions"/>: only closed sessions count, and only the people who checked in.
    /// </summary>
    public static Acquaintances Of(IEnumerable<Session> sessions)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var attended = new Dictionary<string, int>(StringComparer.Ordinal);
        var met = new Dictionary<(string, string), int>();
        foreach (var session in sessions.Where(s => s.State == SessionState.Close))
        {
            var present = new List<string>();
            foreach (var participant in session.Participants.Where(p => p.ArrivedAt is not null))
            {
                var key = KeyOf(participant.StructureName);
                if (key.Length == 0 || present.Contains(key))
                {
                    continue;
                }
                names.TryAdd(key, Text.Clean(participant.StructureName));
                present.Add(key);
            }
            foreach (var key in present)
            {
                attended[key] = attended.GetValueOrDefault(key) + 1;
            }
            for (var i = 0; i < present.Count; i++)
            {
                for (var j = i + 1; j < present.Count; j++)
                {
                    var pair = Ordered(present[i], present[j]);
                    met[pair] = met.GetValueOrDefault(pair) + 1;
                }
            }
        }
        return new Acquaintances(names, attended, met);
    }

    /// <summary>How many closed sessions both structures attended (0: they never met here).</summary>
    public int TimesMet(string first, string second)
    {
        var (a, b) = (KeyOf(first), KeyOf(second));
        return a.Length == 0 || b.Length == 0 || a == b ? 0 : _met.GetValueOrDefault(Ordered(a, b));
    }

    /// <summary>Each structure seen, with the sessions it attended, those it met (most often first) and those it never met.</summary>
    public IReadOnlyList<StructureAcquaintances> Each() =>
        [.. Structures.Select(name =>
        {
            var key = KeyOf(name);
            var others = Structures.Where(o => o != name).Select(o => (Name: o, Times: TimesMet(name, o))).ToList();
            return new StructureAcquaintances(
                name,
                _sessions.GetValueOrDefault(key),
                [.. others.Where(o => o.Times > 0).OrderByDescending(o => o.Times).ThenBy(o => o.Name, FrenchOrder).Select(o => new MetStructure(o.Name, o.Times))],
                [.. others.Where(o => o.Times == 0).Select(o => o.Name)]);
        })];

    /// <summary>The pairs of structures seen that have never been in the same session.</summary>
    public IReadOnlyList<(string First, string Second)> NeverMetPairs()
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < Structures.Count; i++)
        {
            for (var j = i + 1; j < Structures.Count; j++)
            {
                if (TimesMet(Structures[i], Structures[j]) == 0)
                {
                    pairs.Add((Structures[i], Structures[j]));
                }
            }
        }
        return pairs;
    }

    private static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}

/// <summary>One structure's line on the interconnaissance page.</summary>
/// <param name="Sessions">The closed sessions it attended.</param>
/// <param name="Met">The structures it met, most often first.</param>
/// <param name="NeverMet">The structures seen in sessions it never met, alphabetically.</param>
public sealed record StructureAcquaintances(string Name, int Sessions, IReadOnlyList<MetStructure> Met, IReadOnlyList<string> NeverMet);

/// <summary>A structure met, and in how many sessions.</summary>
public sealed record MetStructure(string Name, int Times);

/// <summary>
/// One table of a speed-meeting round: two structures, or three when their number is odd (<paramref name="Third"/>).
/// Stored in the session (its <c>Pairings</c> JSON column), so every screen shows the same rounds.
/// </summary>
public sealed record PairingGroup(int Round, string First, string Second, string? Third = null)
{
    public IEnumerable<string> Structures => Third is null ? [First, Second] : [First, Second, Third];

    /// <summary>« France Travail ↔ CCAS », as the room display and the run page read it.</summary>
    public string Label => string.Join(" ↔ ", Structures);
}

/// <summary>
/// Draws speed-meeting rounds among the structures present: every present structure sits at one table in each round
/// (pairs, one table of three when their number is odd); the structures that have never met are put together first,
/// then those that met least; no two structures sit together twice across the rounds. The same structures, history
/// and seed give the same rounds (a small generator of its own: the result does not depend on the runtime's
/// <see cref="Random"/>). Each round is searched for the best tables — first the most never-met pairs, then the fewest
/// past meetings — within a fixed number of steps (not a time: the same input always stops at the same place), enough
/// to be exact for the dozen or so structures of a session and good beyond.
/// </summary>
public static class SpeedMeeting
{
    public const int MaxRounds = 12;
    public const int MaxStructures = 200;

    /// <summary>The search's steps per round.</summary>
    public const int StepsPerRound = 200_000;

    // a pair that met weighs more than any number of never-met pairs can: never-met first, then least met
    private const long MetWeight = 1_000_000;

    /// <summary>
    /// Up to <paramref name="rounds"/> rounds (fewer when no further round can avoid a pair already seated together:
    /// n structures have at most n − 1 rounds of pairs).
    /// </summary>
    /// <param name="present">The structures present (one entry per structure; spellings of one name count once).</param>
    /// <param name="timesMet">How many times two structures have met before (see <see cref="Acquaintances.TimesMet"/>).</param>
    public static IReadOnlyList<PairingGroup> Draw(IReadOnlyList<string> present, Func<string, string, int> timesMet, int rounds, int seed)
    {
        var names = present.Select(Text.Clean).Where(n => Acquaintances.KeyOf(n).Length > 0)
            .DistinctBy(Acquaintances.KeyOf).Order(StringComparer.Ordinal).ToList();
        if (names.Count < 2 || rounds < 1)
        {
            return [];
        }
        var random = new SplitMix(seed);
        // the seed (not the order they were listed in) decides the order the search tries equal choices in
        var order = names.Select(n => (Name: n, Rank: random.Next())).OrderBy(x => x.Rank).Select(x => x.Name).ToArray();
        var n = order.Length;
        var weight = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var times = Math.Max(0, timesMet(order[i], order[j]));
                weight[i, j] = weight[j, i] = times == 0 ? 0 : MetWeight + times;
            }
        }
        var used = new bool[n, n];
        var groups = new List<PairingGroup>();
        for (var round = 1; round <= Math.Min(rounds, MaxRounds); round++)
        {
            var tables = new Search(n, weight, used).Best();
            if (tables is null)
            {
                break;
            }
            foreach (var table in tables)
            {
                for (var a = 0; a < table.Length; a++)
                {
                    for (var b = a + 1; b < table.Length; b++)
                    {
                        used[table[a], table[b]] = used[table[b], table[a]] = true;
                    }
                }
                groups.Add(new PairingGroup(round, order[table[0]], order[table[1]], table.Length == 3 ? order[table[2]] : null));
            }
        }
        return groups;
    }

    // Branch and bound over the tables of one round: the first structure not yet seated takes each free partner in turn,
    // or two of them while a table of three is still owed (an odd number left), the lightest tables first.
    private sealed class Search(int n, long[,] weight, bool[,] used)
    {
        private readonly bool[] _seated = new bool[n];
        private readonly List<int[]> _tables = [];
        private List<int[]>? _best;
        private long _bestCost = long.MaxValue;
        private int _steps;

        public List<int[]>? Best()
        {
            Seat(0, n);
            return _best;
        }

        private void Seat(long cost, int left)
        {
            if (++_steps > StepsPerRound || cost >= _bestCost)
            {
                return;
            }
            if (left == 0)
            {
                (_best, _bestCost) = ([.. _tables], cost);
                return;
            }
            var first = Array.IndexOf(_seated, false);
            _seated[first] = true;
            var free = Enumerable.Range(first + 1, n - first - 1).Where(j => !_seated[j] && !used[first, j]).ToList();
            var options = new List<(int[] Table, long Weight)>();
            // an odd number left: one table of three is still to come, and it may be this one
            if (left % 2 == 1)
            {
                for (var x = 0; x < free.Count; x++)
                {
                    for (var y = x + 1; y < free.Count; y++)
                    {
                        var (b, c) = (free[x], free[y]);
                        if (!used[b, c])
                        {
                            options.Add(([first, b, c], weight[first, b] + weight[first, c] + weight[b, c]));
                        }
                    }
                }
            }
            if (left != 3)
            {
                options.AddRange(free.Select(j => (new[] { first, j }, weight[first, j])));
            }
            foreach (var (table, extra) in options.OrderBy(o => o.Weight).ThenBy(o => o.Table.Length))
            {
                foreach (var other in table.Skip(1))
                {
                    _seated[other] = true;
                }
                _tables.Add(table);
                Seat(cost + extra, left - table.Length);
                _tables.RemoveAt(_tables.Count - 1);
                foreach (var other in table.Skip(1))
                {
                    _seated[other] = false;
                }
            }
            _seated[first] = false;
        }
    }

    // SplitMix64: a tiny generator whose sequence is fixed by its seed, on every runtime.
    private struct SplitMix(int seed)
    {
        private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 1);

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
