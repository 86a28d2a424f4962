using System.Text.Json.Serialization;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Common;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>A board in its Cité's list.</summary>
public sealed record BoardSummary(Guid Id, string Title, BoardKind Kind, int CardCount, DateTimeOffset CreatedAt, string CreatedByName);

/// <summary>A board as one person sees it now: their votes, their rights, the timer at this instant.</summary>
public sealed record BoardView(
    Guid Id,
    string Title,
    string Description,
    BoardKind Kind,
    int Version,
    IReadOnlyList<ColumnView> Columns,
    IReadOnlyList<ColumnView> RemovedColumns,
    bool IsLocked,
    int VotesPerPerson,
    bool VotesAreRevealed,
    int MyVotesLeft,
    BoardTimer Timer,
    bool IsFrozen,
    bool CanFacilitate,
    bool CanContribute,
    string MyKey)
{
    public IEnumerable<CardView> Cards => Columns.SelectMany(c => c.Cards);

    public CardView? Card(Guid id) => Cards.FirstOrDefault(c => c.Id == id);

    /// <summary>Whether this person may move, edit or delete a card (the lock spares their own cards).</summary>
    public bool MayChange(CardView card) =>
        CanContribute && (CanFacilitate || ((!IsLocked || card.AuthorKey == MyKey) && !IsFrozen));
}

public sealed record ColumnView(Guid Id, string Title, IReadOnlyList<CardView> Cards);

/// <summary>A card; <see cref="Votes"/> is null while votes are hidden (each person still sees their own).</summary>
public sealed record CardView(
    Guid Id,
    Guid ColumnId,
    string Text,
    string AuthorKey,
    string AuthorName,
    CardColour Colour,
    string? FreinCode,
    string? PublicCode,
    int Version,
    int? Votes,
    int MyVotes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    string? EditedByName,
    Guid? PlanId = null,
    Guid? PlanActionId = null)
{
    public CardContent Content => new(Text, Colour, FreinCode, PublicCode);

    /// <summary>
    /// The text made ready for pages, shared by every viewer of the same stored copy (see <see cref="CardText"/>); made
    /// on demand for a card built elsewhere. Not sent to hub clients, which render the text themselves.
    /// </summary>
    [JsonIgnore]
    public CardText Rendered
    {
        get => field ??= CardText.Of(Text);
        init;
    }
}

/// <summary>
/// A card's text as pages show it: its safe HTML (<see cref="SafeMarkdown"/>) and a short plain excerpt for the labels of
/// its buttons. Made once per stored text and shared by all the board's viewers (<see cref="BoardSnapshot"/>): a board
/// of 200 cards watched by 10 people otherwise parsed its Markdown six times per card, per viewer, on every change.
/// Compared by value, so two copies of the same text count as the same (a card page skips rendering when its card is unchanged).
/// </summary>
public sealed record CardText(string Html, string Excerpt)
{
    /// <summary>The longest excerpt, ellipsis included.</summary>
    public const int ExcerptLength = 40;

    public MarkupString Markup => new(Html);

    public static CardText Of(string? markdown)
    {
        var plain = SafeMarkdown.ToPlainText(markdown).ReplaceLineEndings(" ");
        var excerpt = plain.Length <= ExcerptLength ? plain : plain[..(ExcerptLength - 1)] + "…";
        return new CardText(SafeMarkdown.ToHtml(markdown), excerpt);
    }
}

public sealed record ActivityView(long Id, DateTimeOffset At, string ActorName, string Summary);

/// <summary>Someone else changed the same fields first: both versions, so the person chooses (principle 7).</summary>
public sealed record CardConflictView(CardContent Theirs, CardContent Yours, int CurrentVersion, string? TheirEditorName, IReadOnlyList<string> Fields);

/// <summary>The outcome of a card edit: done, refused, or a conflict carrying both texts.</summary>
public sealed record CardEditResult(CommandResult Result, CardConflictView? Conflict = null);
