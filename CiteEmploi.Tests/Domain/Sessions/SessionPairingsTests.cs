using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Tests.Domain.Sessions;

/// <summary>
/// Interconnaissance: who has met whom from closed sessions' attendance, and the speed-meeting rounds' properties —
/// every present structure at one table each round, tables of two (one of three when odd), no pair twice, never-met
/// pairs first (checked against every possible round), the same seed the same rounds.
/// </summary>
public sealed class SessionPairingsTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly DateTimeOffset NineOClock = FrenchTime.At(Day, new TimeOnly(9, 0));

    private static ValidationErrors Refusal(Action act) => Assert.Throws<DomainValidationException>(act).Errors;

    /// <summary>A session of <paramref name="kind"/> on <see cref="Day"/> with one item, where the people of <paramref name="arrived"/> checked in.</summary>
    private static Session Held(SessionKind kind, params string[] arrived)
    {
        var session = Session.Create(Guid.NewGuid(), new SessionDetails(kind, "Séance", Day, new TimeOnly(9, 0), new TimeOnly(12, 0)), Camille, NineOClock.AddDays(-5));
        session.AddItem(null, new AgendaItemContent("Speed-meeting", 60), Camille);
        var i = 0;
        foreach (var structure in arrived)
        {
            var id = session.Invite(new InviteeDetails($"Personne {++i}", $"p{i}@test.fr", StructureName: structure), Camille);
            session.CheckIn(id, Camille, NineOClock);
        }
        return session;
    }

    private static Session Closed(params string[] arrived)
    {
        var session = Held(SessionKind.ComitePilotage, arrived);
        session.Start(Camille, NineOClock);
        session.Close(Camille, NineOClock.AddHours(1));
        return session;
    }

    [Fact]
    public void WhoMetWhom_CountsOnlyClosedSessions_AndOnlyPeopleWhoCheckedIn_OneStructureWhateverItsSpelling()
    {
        var first = Closed("France Travail", "CCAS", "Mission Locale", Session.NoStructure);
        var second = Closed("france travail", "C.C.A.S.", "CAF");
        // invited to a closed session but never arrived: CAF and the E2C did not meet there
        var invitedOnly = Held(SessionKind.ComiteTechnique, "Mission Locale");
        invitedOnly.Invite(new InviteeDetails("Absente", "absente@e2c.fr", StructureName: "E2C"), Camille);
        invitedOnly.Start(Camille, NineOClock);
        invitedOnly.Close(Camille, NineOClock.AddHours(1));
        // a running session does not count yet
        var running = Held(SessionKind.Interconnaissance, "CAF", "Mission Locale");
        running.Start(Camille, NineOClock);

        var met = Acquaintances.Of([first, second, invitedOnly, running]);

        Assert.Equal(["CAF", "CCAS", "France Travail", "Mission Locale"], met.Structures);
        Assert.Equal(2, met.TimesMet("France Travail", "ccas"));
        Assert.Equal(1, met.TimesMet("CAF", "France Travail"));
        Assert.Equal(0, met.TimesMet("CAF", "Mission Locale"));
        Assert.Equal(0, met.TimesMet("E2C", "Mission Locale"));
        Assert.Equal(0, met.TimesMet("CCAS", Session.NoStructure));

        var ccas = met.Each().Single(s => s.Name == "CCAS");
        Assert.Equal(2, ccas.Sessions);
        Assert.Equal([new MetStructure("France Travail", 2), new MetStructure("CAF", 1), new MetStructure("Mission Locale", 1)], ccas.Met);
        Assert.Empty(ccas.NeverMet);
        var caf = met.Each().Single(s => s.Name == "CAF");
        Assert.Equal(["Mission Locale"], caf.NeverMet);
        Assert.Equal([("CAF", "Mission Locale")], met.NeverMetPairs());
        Assert.Empty(Acquaintances.None.Each());
    }

    [Fact]
    public void EveryRound_SeatsEachPresentStructureOnce_InPairsOrOneTableOfThree_AndNoPairSitsTogetherTwice()
    {
        var random = new Random(20261207);
        for (var trial = 0; trial < 60; trial++)
        {
            var n = 2 + trial % 14;
            var names = Enumerable.Range(1, n).Select(i => $"Structure {i}").ToList();
            var history = RandomHistory(names, random);
            var rounds = SpeedMeeting.Draw(names, history, rounds: 6, seed: trial);
            var count = rounds.Max(g => g.Round);
            Assert.Equal(Enumerable.Range(1, count), rounds.Select(g => g.Round).Distinct());
            var seen = new HashSet<(string, string)>();
            for (var round = 1; round <= count; round++)
            {
                var tables = rounds.Where(g => g.Round == round).ToList();
                Assert.Equal(names.Order(), tables.SelectMany(t => t.Structures).Order());
                Assert.Equal(n % 2 == 1 ? 1 : 0, tables.Count(t => t.Third is not null));
                foreach (var pair in tables.SelectMany(Pairs))
                {
                    Assert.True(seen.Add(pair), $"{pair} assis deux fois ensemble ({n} structures, tour {round})");
                }
            }
            // n − 1 rounds at most without a repeat
            Assert.InRange(count, 1, Math.Max(1, n - 1));
        }
    }

    [Fact]
    public void AnEvenNumberOfStructures_AlwaysGetsUpToHalfAsManyRoundsAsAsked()
    {
        for (var n = 2; n <= 16; n += 2)
        {
            var names = Enumerable.Range(1, n).Select(i => $"S{i}").ToList();
            var history = RandomHistory(names, new Random(n));
            var asked = Math.Min(n / 2, SpeedMeeting.MaxRounds);
            Assert.Equal(asked, SpeedMeeting.Draw(names, history, asked, seed: n).Max(g => g.Round));
        }
        // three structures: one table of three, and no second round without a repeat
        var three = SpeedMeeting.Draw(["A", "B", "C"], (_, _) => 0, rounds: 4, seed: 1);
        Assert.Equal(new PairingGroup(1, "A", "B", "C").Structures.Order(), Assert.Single(three).Structures.Order());
        Assert.Empty(SpeedMeeting.Draw(["Seule"], (_, _) => 0, 3, 1));
    }

    [Fact]
    public void TheFirstTwoRounds_HaveAsManyNeverMetPairsAsAnyPossibleRound_ThenTheFewestPastMeetings()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var n = 4 + trial % 6; // 4 to 9 structures: every possible round is enumerated
            var names = Enumerable.Range(1, n).Select(i => $"S{i}").ToList();
            var history = RandomHistory(names, random);
            var drawn = SpeedMeeting.Draw(names, history, rounds: 2, seed: trial);
            var used = new HashSet<(string, string)>();
            foreach (var round in drawn.Select(g => g.Round).Distinct())
            {
                var tables = drawn.Where(g => g.Round == round).ToList();
                var possible = AllRounds(names).Where(r => !r.SelectMany(Pairs).Any(used.Contains)).ToList();
                var best = possible.Select(r => Score(r, history)).Min();
                Assert.Equal(best, Score(tables.Select(t => t.Structures.ToArray()).ToList(), history));
                used.UnionWith(tables.SelectMany(Pairs));
            }
        }
    }

    [Fact]
    public void NeverMetStructures_ArePutTogether_TheOnesThatMetOnlyWhenNothingElseIsLeft()
    {
        // France Travail and the Mission Locale meet every time; so do the CAF and the CCAS
        int history(string a, string b) => (a, b) switch
        {
            ("France Travail", "Mission Locale") or ("Mission Locale", "France Travail") => 5,
            ("CAF", "CCAS") or ("CCAS", "CAF") => 2,
            _ => 0,
        };
        var drawn = SpeedMeeting.Draw(["France Travail", "Mission Locale", "CAF", "CCAS"], history, rounds: 3, seed: 42);
        Assert.Equal(2, drawn.Count(g => g.Round == 1));
        Assert.All(drawn.Where(g => g.Round <= 2), g => Assert.Equal(0, history(g.First, g.Second)));
        // the third round is all that is left: the pairs that had met, the least-met... both of them, as nothing else remains
        Assert.Equal(2, drawn.Count(g => g.Round == 3));
        Assert.Equal(7, drawn.Where(g => g.Round == 3).Sum(g => history(g.First, g.Second)));
    }

    [Fact]
    public void TheSameInputAndSeed_GiveTheSameRounds_AndTheSeedDecidesBetweenEqualChoices()
    {
        var names = Enumerable.Range(1, 10).Select(i => $"Structure {i}").ToList();
        var once = SpeedMeeting.Draw(names, (_, _) => 0, 3, seed: 1234);
        var again = SpeedMeeting.Draw([.. names.AsEnumerable().Reverse()], (_, _) => 0, 3, seed: 1234);
        Assert.Equal(once, again);
        // nobody has met: every round is as good as another, and other seeds pick others
        var firstRounds = Enumerable.Range(0, 10).Select(seed => string.Join(" | ", SpeedMeeting.Draw(names, (_, _) => 0, 1, seed).Select(g => g.Label))).ToHashSet();
        Assert.True(firstRounds.Count > 1);
    }

    [Fact]
    public void DrawingRounds_TakesTheStructuresPresentNow_OnARunningInterconnaissance_AndShowsOneRoundAtATime()
    {
        var session = Held(SessionKind.Interconnaissance, "France Travail", "france travail", "CCAS", "Mission Locale", Session.NoStructure);
        var gone = session.Invite(new InviteeDetails("Partie tôt", "partie@caf.fr", StructureName: "CAF"), Camille);
        session.CheckIn(gone, Camille, NineOClock);
        session.CheckOut(gone, Camille, NineOClock.AddMinutes(20));
        Assert.Equal(["CCAS", "France Travail", "Mission Locale"], session.PresentStructures());

        Assert.Equal("La séance n'a pas commencé.", Assert.Single(Refusal(() => session.DrawPairings(Acquaintances.None, 2, 7, Camille)).For(nameof(Session.State))));
        session.Start(Camille, NineOClock);
        Assert.Single(Refusal(() => session.DrawPairings(Acquaintances.None, 0, 7, Camille)).For(nameof(Session.Pairings)));

        var met = Acquaintances.Of([Closed("France Travail", "CCAS")]);
        var version = session.Version;
        Assert.Equal(1, session.DrawPairings(met, 3, 7, Camille));
        Assert.Equal((7, 0, version + 1), (session.PairingSeed, session.ShownRound, session.Version));
        Assert.Equal(["CCAS", "France Travail", "Mission Locale"], Assert.Single(session.Round(1)).Structures.Order());
        Assert.IsType<PairingsDrawn>(session.DomainEvents[^1]);

        session.ShowRound(1, Camille);
        Assert.Equal(1, session.ShownRound);
        Assert.Equal(new PairingRoundShown(session.CiteId, session.Id, 1, "Camille"), session.DomainEvents[^1]);
        Assert.Single(Refusal(() => session.ShowRound(2, Camille)).For(nameof(Session.ShownRound)));
        session.ShowRound(0, Camille);
        Assert.Equal(0, session.ShownRound);

        // a COPIL has no speed-meeting; one structure alone has nobody to meet
        var copil = Held(SessionKind.ComitePilotage, "CAF", "CCAS");
        copil.Start(Camille, NineOClock);
        Assert.Equal("Les binômes se proposent pendant un temps d'interconnaissance.",
            Assert.Single(Refusal(() => copil.DrawPairings(Acquaintances.None, 1, 1, Camille)).For(nameof(Session.Pairings))));
        var alone = Held(SessionKind.Interconnaissance, "CAF", "caf");
        alone.Start(Camille, NineOClock);
        Assert.Contains("au moins deux structures", Assert.Single(Refusal(() => alone.DrawPairings(Acquaintances.None, 1, 1, Camille)).For(nameof(Session.Pairings))),
            StringComparison.Ordinal);
        Assert.Empty(alone.Pairings);
    }

    [Fact]
    public void CheckIn_IsOpenOnTheSessionsDayOnly_FrenchTime()
    {
        var session = Held(SessionKind.Interconnaissance);
        var id = session.Invite(new InviteeDetails("Samia", "samia@ml.fr", StructureName: "Mission Locale"), Camille);

        var dayBefore = Refusal(() => session.CheckIn(id, Camille, FrenchTime.At(Day.AddDays(-1), new TimeOnly(23, 50))));
        Assert.Equal("L'émargement n'est ouvert que le jour de la séance, le jeudi 12 mars 2026.", Assert.Single(dayBefore.For(nameof(SessionParticipant.ArrivedAt))));
        Assert.Single(Refusal(() => session.CheckIn(id, Camille, FrenchTime.At(Day.AddDays(1), new TimeOnly(0, 5)))).For(nameof(SessionParticipant.ArrivedAt)));
        Assert.Null(session.Participants.Single(p => p.Id == id).ArrivedAt);

        // 23:30 in Paris is still the day, though it is 22:30 in UTC
        var late = FrenchTime.At(Day, new TimeOnly(23, 30));
        session.CheckIn(id, Camille, late);
        Assert.Equal(late, session.Participants.Single(p => p.Id == id).ArrivedAt);
    }

    [Fact]
    public void ClosingIsDue_OnceTheLastItemsPlannedTimeHasRunOut_NotBefore_NorOnAnEarlierItem()
    {
        var session = SessionTests.Copil();
        session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        session.AddItem(null, new AgendaItemContent("Décisions", 20), Camille);
        session.Start(Camille, NineOClock);
        // the first item over by an hour: not the last one
        Assert.Null(session.ScheduleAt(NineOClock.AddHours(1)).LastItemEndsAt);
        Assert.False(session.ScheduleAt(NineOClock.AddHours(1)).IsClosingDue(NineOClock.AddHours(1)));

        var lastStart = NineOClock.AddMinutes(12);
        session.Next(lastStart);
        var schedule = session.ScheduleAt(lastStart);
        Assert.Equal(lastStart.AddMinutes(20), schedule.LastItemEndsAt);
        Assert.False(schedule.IsClosingDue(lastStart.AddMinutes(20).AddSeconds(-1)));
        Assert.True(schedule.IsClosingDue(lastStart.AddMinutes(20)));

        // back on the first item: no prompt; once closed, none either
        session.Previous(lastStart.AddMinutes(25));
        Assert.Null(session.ScheduleAt(lastStart.AddMinutes(25)).LastItemEndsAt);
        session.Close(Camille, lastStart.AddMinutes(30));
        Assert.False(session.ScheduleAt(lastStart.AddHours(2)).IsClosingDue(lastStart.AddHours(2)));
    }

    private static Func<string, string, int> RandomHistory(IReadOnlyList<string> names, Random random)
    {
        var met = new Dictionary<(string, string), int>();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                // about half the pairs have met, some several times
                var times = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => random.Next(2, 5) };
                met[(names[i], names[j])] = met[(names[j], names[i])] = times;
            }
        }
        return (a, b) => met.GetValueOrDefault((a, b));
    }

    private static IEnumerable<(string, string)> Pairs(PairingGroup group) => Pairs([.. group.Structures]);

    private static IEnumerable<(string, string)> Pairs(string[] table)
    {
        for (var i = 0; i < table.Length; i++)
        {
            for (var j = i + 1; j < table.Length; j++)
            {
                yield return string.CompareOrdinal(table[i], table[j]) < 0 ? (table[i], table[j]) : (table[j], table[i]);
            }
        }
    }

    // Fewer pairs that met first, then fewer past meetings.
    private static (int Met, int Times) Score(IReadOnlyList<string[]> round, Func<string, string, int> history)
    {
        var pairs = round.SelectMany(Pairs).ToList();
        return (pairs.Count(p => history(p.Item1, p.Item2) > 0), pairs.Sum(p => history(p.Item1, p.Item2)));
    }

    // Every way to seat the structures in pairs, with one table of three when their number is odd.
    private static IEnumerable<List<string[]>> AllRounds(IReadOnlyList<string> left)
    {
        if (left.Count == 0)
        {
            yield return [];
            yield break;
        }
        var first = left[0];
        var rest = left.Skip(1).ToList();
        if (left.Count % 2 == 1)
        {
            for (var a = 0; a < rest.Count; a++)
            {
                for (var b = a + 1; b < rest.Count; b++)
                {
                    var others = rest.Where((_, i) => i != a && i != b).ToList();
                    if (left.Count == 3 || others.Count % 2 == 0)
                    {
                        foreach (var tail in AllRounds(others))
                        {
                            yield return [[first, rest[a], rest[b]], .. tail];
                        }
                    }
                }
            }
            if (left.Count == 3)
            {
                yield break;
            }
        }
        for (var a = 0; a < rest.Count; a++)
        {
            foreach (var tail in AllRounds(rest.Where((_, i) => i != a).ToList()))
            {
                yield return [[first, rest[a]], .. tail];
            }
        }
    }
}
