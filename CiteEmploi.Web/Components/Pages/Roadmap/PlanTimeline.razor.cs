using System.Globalization;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>The timeline of a plan: which actions it shows and where their bars, marks and today's line fall.</summary>
public partial class PlanTimeline
{
    [Parameter, EditorRequired]
    public PlanView View { get; set; } = default!;

    /// <summary>The address of an action's page.</summary>
    [Parameter, EditorRequired]
    public Func<Guid, string> ActionHref { get; set; } = default!;

    /// <summary>The day the line is drawn on (the same day lateness is judged on).</summary>
    [Parameter, EditorRequired]
    public DateOnly Today { get; set; }

    internal TimelineScale Scale { get; private set; } = default!;

    /// <summary>The matching actions with a date or a milestone, in the plan's reading order.</summary>
    internal IReadOnlyList<TimelineRow> Rows { get; private set; } = [];

    private int Undated => View.Matching.Count() - Rows.Count;

    protected override void OnParametersSet()
    {
        Scale = new TimelineScale(View.StartYear, View.EndYear);
        Rows = [.. View.Matching
            .Where(a => a.Content.StartDate is not null || a.Content.DueDate is not null || a.Content.Milestones.Count > 0)
            .Select(a => new TimelineRow(a, Scale.Bar(a.Content.StartDate, a.Content.DueDate)))];
    }

    /// <summary>A percentage for a style attribute, whatever the circuit's culture (« 12.5 », never « 12,5 »).</summary>
    private static string Css(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>One action on the timeline; no bar when it has milestones but no dates.</summary>
internal sealed record TimelineRow(PlanActionView Action, TimelineSpan? Bar);

/// <summary>A stretch of the timeline, in percent of its width.</summary>
internal sealed record TimelineSpan(double Left, double Width);

/// <summary>A month's column: its place and its heading; <paramref name="Year"/> on January, where a year begins.</summary>
internal sealed record TimelineMonth(double Left, double Width, string Label, int? Year);

/// <summary>
/// Maps days to percentages of the plan's period (1 January of its first year to 31 December of its last): a day is a
/// slice of the width, so a bar covers its end date too. What falls outside the period is cut at its edge.
/// </summary>
internal sealed class TimelineScale
{
    /// <summary>The narrowest bar drawn (an action of a day stays visible).</summary>
    public const double MinWidth = 0.4;

    public TimelineScale(int startYear, int endYear)
    {
        Start = new DateOnly(startYear, 1, 1);
        End = new DateOnly(Math.Max(startYear, endYear), 12, 31);
        Days = End.DayNumber - Start.DayNumber + 1;
        var months = new List<TimelineMonth>();
        for (var m = Start; m <= End; m = m.AddMonths(1))
        {
            var left = Left(m);
            months.Add(new TimelineMonth(left, Left(m.AddMonths(1)) - left, RoadmapDisplay.MonthLabel(m, withYear: false), m.Month == 1 ? m.Year : null));
        }
        Months = months;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public int Days { get; }

    public IReadOnlyList<TimelineMonth> Months { get; }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Where a day begins, in percent of the width (0 before the period, 100 after it).</summary>
    public double Left(DateOnly date) => Math.Clamp((date.DayNumber - Start.DayNumber) * 100.0 / Days, 0, 100);

    /// <summary>The bar from the start to the due date (one of them alone: that day); null without dates or wholly outside the period.</summary>
    public TimelineSpan? Bar(DateOnly? start, DateOnly? due)
    {
        if ((start ?? due) is not { } from || (due ?? start) is not { } to)
        {
            return null;
        }
        if (to < from)
        {
            (from, to) = (to, from);
        }
        if (to < Start || from > End)
        {
            return null;
        }
        var left = Left(from);
        var right = Left(to.AddDays(1));
        return new TimelineSpan(left, Math.Max(right - left, MinWidth));
    }
}
