using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>
/// The speed-meeting rounds of a running « temps d'interconnaissance »: drawn among the structures present (checked in
/// and not gone), never-met structures first (<see cref="SpeedMeeting"/>), stored with the seed they were drawn with,
/// and shown one round at a time to the room (<see cref="ShownRound"/>).
/// </summary>
public sealed partial class Session
{
    /// <summary>The rounds' tables, round by round; empty until the coordination proposes them.</summary>
    public List<PairingGroup> Pairings { get; private set; } = [];

    /// <summary>The seed the rounds were drawn with: the same structures, history and seed give the same rounds.</summary>
    public int? PairingSeed { get; private set; }

    /// <summary>The round the room is on (1 for the first); 0 when none is shown.</summary>
    public int ShownRound { get; private set; }

    /// <summary>How many rounds were drawn.</summary>
    public int RoundCount => Pairings.Count == 0 ? 0 : Pairings.Max(g => g.Round);

    /// <summary>The tables of round <paramref name="round"/> (empty when there is no such round).</summary>
    public IReadOnlyList<PairingGroup> Round(int round) => [.. Pairings.Where(g => g.Round == round)];

    /// <summary>
    /// The structures present now, one entry per structure (its first spelling), alphabetically: people who checked in
    /// and have not left, without those who came for no structure.
    /// </summary>
    public IReadOnlyList<string> PresentStructures() =>
        [.. Participants.Where(p => p.ArrivedAt is not null && p.LeftAt is null)
            .Select(p => p.StructureName)
            .Where(n => Acquaintances.KeyOf(n).Length > 0)
            .DistinctBy(Acquaintances.KeyOf)
            .OrderBy(n => n, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true))];

    /// <summary>
    /// « Proposer des binômes » : draws up to <paramref name="rounds"/> rounds among the structures present, given who
    /// has met whom before (<paramref name="met"/>), replacing rounds drawn before; returns how many rounds there are
    /// (fewer than asked when no further round can avoid seating two structures together again).
    /// </summary>
    public int DrawPairings(Acquaintances met, int rounds, int seed, SessionActor by)
    {
        if (Kind != SessionKind.Interconnaissance)
        {
            ValidationErrors.Refuse(nameof(Pairings), "Les binômes se proposent pendant un temps d'interconnaissance.");
        }
        EnsureRunning();
        if (rounds < 1 || rounds > SpeedMeeting.MaxRounds)
        {
            ValidationErrors.Refuse(nameof(Pairings), $"Proposez de 1 à {SpeedMeeting.MaxRounds} tours.");
        }
        var present = PresentStructures();
        if (present.Count < 2)
        {
            ValidationErrors.Refuse(nameof(Pairings),
                $"Il faut au moins deux structures présentes (émargées) pour proposer des binômes ; {(present.Count == 0 ? "aucune ne l'est" : "une seule l'est")} pour l'instant.");
        }
        if (present.Count > SpeedMeeting.MaxStructures)
        {
            ValidationErrors.Refuse(nameof(Pairings), $"Les binômes se proposent entre {SpeedMeeting.MaxStructures} structures au plus.");
        }
        Pairings = [.. SpeedMeeting.Draw(present, met.TimesMet, rounds, seed)];
        PairingSeed = seed;
        ShownRound = 0;
        Raise(new PairingsDrawn(CiteId, Id, RoundCount, Truncate(by.Name, ActorNameMaxLength)));
        return RoundCount;
    }

    /// <summary>Shows round <paramref name="round"/> to the room (its run pages and its display); 0 hides the rounds.</summary>
    public void ShowRound(int round, SessionActor by)
    {
        EnsureRunning();
        if (round < 0 || round > RoundCount)
        {
            ValidationErrors.Refuse(nameof(ShownRound), "Ce tour n'existe plus : les binômes viennent peut-être d'être proposés à nouveau.");
        }
        if (round == ShownRound)
        {
            return;
        }
        ShownRound = round;
        Raise(new PairingRoundShown(CiteId, Id, round, Truncate(by.Name, ActorNameMaxLength)));
    }
}

/// <summary>Speed-meeting rounds were proposed (or proposed again, replacing the ones before).</summary>
public sealed record PairingsDrawn(Guid CiteId, Guid SessionId, int Rounds, string ByName) : ISessionEvent;

/// <summary>The room moved to another round of the speed-meeting (0: the rounds are hidden).</summary>
public sealed record PairingRoundShown(Guid CiteId, Guid SessionId, int Round, string ByName) : ISessionEvent;
