namespace CiteEmploi.Domain.Roadmap;

/// <summary>Planned, committed and spent amounts, summed.</summary>
public sealed record BudgetTotals(decimal Planned, decimal Committed, decimal Spent)
{
    public static BudgetTotals Zero { get; } = new(0, 0, 0);

    public BudgetTotals Add(BudgetLine line) => new(Planned + line.Planned, Committed + line.Committed, Spent + line.Spent);

    public static BudgetTotals Of(IEnumerable<BudgetLine> lines) => lines.Aggregate(Zero, (t, l) => t.Add(l));
}

/// <summary>The totals of one axis (a top-level action and everything under it).</summary>
public sealed record AxisBudget(Guid AxisId, string Code, string Title, BudgetTotals Totals);

/// <summary>The totals of one funder for one kind of money.</summary>
public sealed record FunderBudget(string Funder, BudgetKind Kind, BudgetTotals Totals);

/// <summary>
/// The budget of a plan against its envelope: totals per axis, per funder and per kind; what is left to commit of the
/// Cité's envelope; over-commitment is a warning shown to the people, never a refusal (a co-funder may still come).
/// </summary>
public sealed record PlanBudget(
    decimal Envelope,
    BudgetTotals Total,
    BudgetTotals EnvelopeLines,
    IReadOnlyList<AxisBudget> Axes,
    IReadOnlyList<FunderBudget> Funders,
    IReadOnlyList<Guid> ActionsCommittedBeyondPlanned)
{
    /// <summary>The envelope minus what is committed on it (negative when over-committed).</summary>
    public decimal RemainingToCommit => Envelope - EnvelopeLines.Committed;

    /// <summary>More of the Cité's envelope committed than the envelope holds.</summary>
    public bool IsOverCommitted => EnvelopeLines.Committed > Envelope;

    /// <summary>More of the Cité's envelope planned than the envelope holds.</summary>
    public bool IsOverPlanned => EnvelopeLines.Planned > Envelope;

    public static PlanBudget Of(decimal envelope, PlanTree tree)
    {
        var lines = tree.Nodes.SelectMany(n => n.Action.BudgetLines.Select(l => (Node: n, Line: l))).ToList();
        var axes = tree.Nodes.Where(n => n.Depth == 1)
            .Select(axis => new AxisBudget(axis.Id, axis.Code, axis.Action.Title, BudgetTotals.Of(lines.Where(x => x.Node.AxisId == axis.Id).Select(x => x.Line))))
            .ToList();
        var funders = lines
            .GroupBy(x => (Key: Common.Text.Fold(x.Line.Funder), x.Line.Kind))
            .Select(g => new FunderBudget(g.First().Line.Funder, g.Key.Kind, BudgetTotals.Of(g.Select(x => x.Line))))
            .OrderBy(f => f.Kind).ThenByDescending(f => f.Totals.Planned).ThenBy(f => f.Funder, StringComparer.Ordinal)
            .ToList();
        var beyond = tree.Nodes.Where(n => n.Action.BudgetLines.Any(l => l.Committed > l.Planned)).Select(n => n.Id).ToList();
        return new PlanBudget(
            envelope,
            BudgetTotals.Of(lines.Select(x => x.Line)),
            BudgetTotals.Of(lines.Where(x => x.Line.Kind == BudgetKind.EnveloppeCite).Select(x => x.Line)),
            axes, funders, beyond);
    }
}
