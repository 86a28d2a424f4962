using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>
/// What the action form holds while a person types. Amounts and years stay text until submitted (« 1 234,56 »); only
/// what cannot be read is refused here, under the same keys as the domain's messages (« BudgetLines[0].Planned »), so
/// every refusal is shown next to its field. Everything else is the domain's to judge.
/// </summary>
public sealed class ActionFormModel
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public StructureChoice? Pilot { get; set; }
    public List<PartnerRow> Partners { get; set; } = [];
    public string? Contact { get; set; }
    public List<string> FreinCodes { get; set; } = [];
    public List<string> PublicCodes { get; set; } = [];
    public List<string> QpvCodes { get; set; } = [];
    public DateTime? StartDate { get; set; }
    public DateTime? DueDate { get; set; }
    public string StatusCode { get; set; } = string.Empty;
    public ProgressMode ProgressMode { get; set; } = ProgressMode.Statut;
    public int ManualProgress { get; set; }
    public List<MilestoneRow> Milestones { get; set; } = [];
    public List<BudgetRow> BudgetLines { get; set; } = [];
    public string? ExternalId { get; set; }

    public static ActionFormModel From(PlanActionContent content, Func<Guid, string?> structureName) => new()
    {
        Title = content.Title,
        Description = content.Description,
        Pilot = content.PilotStructureId is { } pilot ? new StructureChoice(pilot, structureName(pilot) ?? "Structure") : null,
        Partners = [.. content.Partners.Select(p => new PartnerRow { Structure = new StructureChoice(p.StructureId, structureName(p.StructureId) ?? "Structure"), Role = p.Role })],
        Contact = content.Contact,
        FreinCodes = [.. content.FreinCodes],
        PublicCodes = [.. content.PublicCodes],
        QpvCodes = [.. content.QpvCodes],
        StartDate = content.StartDate?.ToDateTime(TimeOnly.MinValue),
        DueDate = content.DueDate?.ToDateTime(TimeOnly.MinValue),
        StatusCode = content.StatusCode,
        ProgressMode = content.ProgressMode,
        ManualProgress = content.ManualProgress,
        Milestones = [.. content.Milestones.Select(m => new MilestoneRow { Id = m.Id, Title = m.Title, Date = m.Date.ToDateTime(TimeOnly.MinValue), Done = m.Done })],
        BudgetLines = [.. content.BudgetLines.Select(BudgetRow.From)],
        ExternalId = content.ExternalId,
    };

    /// <summary>The content to submit; what cannot be read is reported in <paramref name="errors"/>.</summary>
    public PlanActionContent ToContent(ValidationErrors errors)
    {
        var milestones = new List<Milestone>();
        for (var i = 0; i < Milestones.Count; i++)
        {
            var row = Milestones[i];
            if (row.Date is null)
            {
                errors.Add($"{nameof(PlanActionContent.Milestones)}[{i}].{nameof(Milestone.Date)}", $"Jalon {i + 1} : indiquez sa date (jj/mm/aaaa).");
                continue;
            }
            milestones.Add(new Milestone(row.Id, row.Title ?? string.Empty, DateOnly.FromDateTime(row.Date.Value), row.Done));
        }
        var lines = new List<BudgetLine>();
        for (var i = 0; i < BudgetLines.Count; i++)
        {
            var line = BudgetLines[i].ToLine(i, errors);
            if (line is not null)
            {
                lines.Add(line);
            }
        }
        var partners = Partners.Where(p => p.Structure is not null).Select(p => new ActionPartner(p.Structure!.Id, p.Role)).ToList();
        return new PlanActionContent
        {
            Title = Title ?? string.Empty,
            Description = Description ?? string.Empty,
            PilotStructureId = Pilot?.Id,
            Partners = partners,
            Contact = Contact ?? string.Empty,
            FreinCodes = [.. FreinCodes],
            PublicCodes = [.. PublicCodes],
            QpvCodes = [.. QpvCodes],
            StartDate = StartDate is { } s ? DateOnly.FromDateTime(s) : null,
            DueDate = DueDate is { } d ? DateOnly.FromDateTime(d) : null,
            StatusCode = StatusCode,
            ProgressMode = ProgressMode,
            ManualProgress = ManualProgress,
            Milestones = milestones,
            BudgetLines = lines,
            ExternalId = string.IsNullOrWhiteSpace(ExternalId) ? null : ExternalId,
        };
    }
}

/// <summary>A structure of the Cité's directory, as the autocomplete offers it.</summary>
public sealed record StructureChoice(Guid Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>A partner structure and its role, as typed.</summary>
public sealed class PartnerRow
{
    public StructureChoice? Structure { get; set; }
    public PartnerRole Role { get; set; } = PartnerRole.Contributeur;
}

/// <summary>A milestone as typed.</summary>
public sealed class MilestoneRow
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    public DateTime? Date { get; set; }
    public bool Done { get; set; }
}

/// <summary>A budget line as typed: the year and amounts stay text until submitted.</summary>
public sealed class BudgetRow
{
    public string? Funder { get; set; }
    public BudgetKind Kind { get; set; } = BudgetKind.EnveloppeCite;
    public string? Year { get; set; }
    public string? Planned { get; set; }
    public string? Committed { get; set; }
    public string? Spent { get; set; }

    public static BudgetRow From(BudgetLine line) => new()
    {
        Funder = line.Funder,
        Kind = line.Kind,
        Year = line.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Planned = RoadmapDisplay.AmountInput(line.Planned),
        Committed = RoadmapDisplay.AmountInput(line.Committed),
        Spent = RoadmapDisplay.AmountInput(line.Spent),
    };

    public BudgetLine? ToLine(int index, ValidationErrors errors)
    {
        var at = $"{nameof(PlanActionContent.BudgetLines)}[{index}]";
        var which = $"Ligne de budget {index + 1}";
        var year = RoadmapDisplay.ReadYear(Year, $"{at}.{nameof(BudgetLine.Year)}", $"l'année (ligne de budget {index + 1})", errors);
        var planned = RoadmapDisplay.ReadAmount(Planned, $"{at}.{nameof(BudgetLine.Planned)}", $"{which} : le prévu", errors);
        var committed = RoadmapDisplay.ReadAmount(Committed, $"{at}.{nameof(BudgetLine.Committed)}", $"{which} : l'engagé", errors);
        var spent = RoadmapDisplay.ReadAmount(Spent, $"{at}.{nameof(BudgetLine.Spent)}", $"{which} : le réalisé", errors);
        return year is null || planned is null || committed is null || spent is null
            ? null
            : new BudgetLine(Funder ?? string.Empty, Kind, year.Value, planned.Value, committed.Value, spent.Value);
    }
}
