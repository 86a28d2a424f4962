using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>An agenda item as typed: the duration as text, read here; the rest (lengths, an item longer than the session) is the domain's.</summary>
public sealed class AgendaItemFormModel
{
    public string? Title { get; set; }

    public string? Minutes { get; set; }

    public string? Presenter { get; set; }

    public string? Description { get; set; }

    public static AgendaItemFormModel From(AgendaItem item) => new()
    {
        Title = item.Title,
        Minutes = item.PlannedMinutes.ToString(CultureInfo.InvariantCulture),
        Presenter = item.PresenterName,
        Description = item.Description,
    };

    /// <summary>The content, or null with <paramref name="errors"/> filled; keeps <paramref name="structureId"/> (not edited here).</summary>
    public AgendaItemContent? ToContent(ValidationErrors errors, Guid? structureId = null)
    {
        var text = (Minutes ?? string.Empty).Trim().Replace("min", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            errors.Add(nameof(AgendaItem.PlannedMinutes), "Saisissez la durée prévue en minutes (par exemple 15).");
            return null;
        }
        return new AgendaItemContent(Title ?? string.Empty, minutes, Description ?? string.Empty, Presenter ?? string.Empty, structureId);
    }
}
