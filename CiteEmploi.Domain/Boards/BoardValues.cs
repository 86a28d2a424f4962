namespace CiteEmploi.Domain.Boards;

/// <summary>What a board is for: the Cité's shared diagnostic, or a workshop with columns chosen by its facilitator.</summary>
public enum BoardKind
{
    Diagnostic,
    Atelier,
}

/// <summary>The colours a card can take; names are French because they are shown and exported as they are.</summary>
public enum CardColour
{
    Jaune,
    Bleu,
    Vert,
    Rose,
    Orange,
    Violet,
}

/// <summary>Who acts on a board: a member (key = account id) or a guest (key = "invite:…"), with the name others see.</summary>
/// <param name="Key">Stable identity on the board: the author of a card, the owner of votes.</param>
/// <param name="Name">Display name, copied into cards and the activity log so they read the same after the person leaves.</param>
/// <param name="IsFacilitator">Runs the board: columns, lock, timer, votes, and other people's cards when locked.</param>
public sealed record BoardActor(string Key, string Name, bool IsFacilitator);

/// <summary>The editable fields of a card, as a person submits them (or as they were when that person started editing).</summary>
public sealed record CardContent(string Text, CardColour Colour = CardColour.Jaune, string? FreinCode = null, string? PublicCode = null);

/// <summary>One ordered column of a board. Removed columns are kept (with their cards) so a removal can be undone.</summary>
public sealed record BoardColumn(Guid Id, string Title, DateTimeOffset? RemovedAt = null)
{
    public bool IsRemoved => RemovedAt is not null;
}

/// <summary>What the board's timer shows at a given moment.</summary>
public enum TimerState
{
    /// <summary>No countdown.</summary>
    Idle,
    Running,
    Paused,

    /// <summary>The countdown reached zero and nobody stopped it yet.</summary>
    Ended,
}

/// <summary>The timer as seen at one moment (computed from stored instants, never ticking in the database).</summary>
public sealed record BoardTimer(TimerState State, TimeSpan Remaining, TimeSpan Duration, DateTimeOffset? EndsAt, bool FreezesWhenOver)
{
    public static readonly BoardTimer Idle = new(TimerState.Idle, TimeSpan.Zero, TimeSpan.Zero, null, false);
}
