using System.Globalization;
using CiteEmploi.Domain.Roadmap;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// The table a feuille de route is exported to and imported from, in CSV (<see cref="PlanCsv"/>) and XLSX
/// (<see cref="PlanXlsx"/>): one row per action, in reading order (an axis, then its objectives, then their actions).
/// Every cell is a text a spreadsheet does not reinterpret: values are invariant and re-readable, never French-formatted
/// (the Markdown and the printable page are for reading). Columns, in this order:
/// <list type="bullet">
/// <item><b>Code</b> « 2.3.1 »: the place in the tree at export time; a new row may give one so other rows can name it as their parent.</item>
/// <item><b>Code parent</b>: the code of the row (or, failing that, of the plan's action) one level up; empty for an axis.</item>
/// <item><b>Niveau</b>: the plan's label of the level (« Objectif »): read only, recomputed on import.</item>
/// <item><b>Titre</b>, <b>Description</b> (Markdown), <b>Contact</b>: texts as written.</item>
/// <item><b>Pilote</b>: the name of a structure of the Cité's directory (its id is accepted too).</item>
/// <item><b>Partenaires</b>: one per line, « Nom de la structure (rôle) », the role being pilote, contributeur or financeur.</item>
/// <item><b>Freins</b>, <b>Publics</b>, <b>QPV</b>: codes separated by commas.</item>
/// <item><b>Début</b>, <b>Échéance</b>: ISO dates, 2026-03-31.</item>
/// <item><b>Statut</b>: the label of a status of the plan (its code is accepted too).</item>
/// <item><b>Mode d'avancement</b>: manuel, statut or sous-actions; <b>Avancement</b>: the computed progress, 0–100, read
/// back only in manual mode.</item>
/// <item><b>Jalons</b>: one per line, « 2026-03-31 | Titre | fait » (or « à faire »).</item>
/// <item><b>Budget</b>: one line per funder and year, « 2026 | nature | Financeur | prévu | engagé | réalisé », the nature
/// being enveloppe-cite, cofinancement or valorisation, amounts with a dot and two decimals (1500.00).</item>
/// <item><b>Identifiant</b>: the action's external id, or its own id when it has none; a row with a known identifier
/// updates that action, a row without one (or with an unknown one) adds an action.</item>
/// </list>
/// </summary>
public static class PlanSheet
{
    public const string Code = "Code";
    public const string ParentCode = "Code parent";
    public const string Level = "Niveau";
    public const string Title = "Titre";
    public const string Description = "Description";
    public const string Pilot = "Pilote";
    public const string Partners = "Partenaires";
    public const string Contact = "Contact";
    public const string Freins = "Freins";
    public const string Publics = "Publics";
    public const string Qpvs = "QPV";
    public const string Start = "Début";
    public const string Due = "Échéance";
    public const string Status = "Statut";
    public const string Mode = "Mode d'avancement";
    public const string Progress = "Avancement";
    public const string Milestones = "Jalons";
    public const string Budget = "Budget";
    public const string Identifier = "Identifiant";

    /// <summary>A file larger than this is refused before being read.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>Rows of actions (the header not counted) a file may hold.</summary>
    public const int MaxRows = 2_000;

    public static IReadOnlyList<string> Columns { get; } =
        [Code, ParentCode, Level, Title, Description, Pilot, Partners, Contact, Freins, Publics, Qpvs, Start, Due, Status, Mode, Progress, Milestones, Budget, Identifier];

    /// <summary>The columns whose cells are typed by people (neutralised against formulas in CSV); the others are formatted by the export.</summary>
    public static IReadOnlySet<string> TextColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { Title, Description, Pilot, Partners, Contact, Status, Milestones, Budget, Identifier };

    /// <summary>The plan's actions as rows of cells, in the order of <see cref="Columns"/>.</summary>
    public static IEnumerable<string[]> Rows(PlanView plan)
    {
        var codes = plan.Actions.ToDictionary(a => a.Id, a => a.Code);
        foreach (var a in plan.Actions)
        {
            var c = a.Content;
            yield return
            [
                a.Code,
                a.ParentId is { } p && codes.TryGetValue(p, out var parentCode) ? parentCode : string.Empty,
                a.LevelLabel,
                c.Title,
                c.Description,
                plan.StructureName(c.PilotStructureId) ?? c.PilotStructureId?.ToString() ?? string.Empty,
                string.Join('\n', c.Partners.Select(x => $"{plan.StructureName(x.StructureId) ?? x.StructureId.ToString()} ({RoleText(x.Role)})")),
                c.Contact,
                string.Join(", ", c.FreinCodes),
                string.Join(", ", c.PublicCodes),
                string.Join(", ", c.QpvCodes),
                DateText(c.StartDate),
                DateText(c.DueDate),
                plan.StatusLabel(c.StatusCode),
                ModeText(c.ProgressMode),
                a.Progress.ToString(CultureInfo.InvariantCulture),
                string.Join('\n', c.Milestones.Select(m => $"{DateText(m.Date)} | {m.Title} | {(m.Done ? "fait" : "à faire")}")),
                string.Join('\n', c.BudgetLines.Select(l =>
                    $"{l.Year.ToString(CultureInfo.InvariantCulture)} | {KindText(l.Kind)} | {l.Funder} | {AmountText(l.Planned)} | {AmountText(l.Committed)} | {AmountText(l.Spent)}")),
                c.ExternalId ?? a.Id.ToString(),
            ];
        }
    }

    /// <summary>A safe file name for the plan's exports (« feuille-de-route-2025-2027 »).</summary>
    public static string FileName(PlanView plan, string extension)
    {
        var slug = Domain.Common.Text.Slugify(plan.Title, 60);
        return $"{(slug.Length > 0 ? slug : "feuille-de-route")}.{extension}";
    }

    public static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string AmountText(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string RoleText(PartnerRole role) => role switch
    {
        PartnerRole.Pilote => "pilote",
        PartnerRole.Contributeur => "contributeur",
        _ => "financeur",
    };

    public static PartnerRole? ParseRole(string text) => Domain.Common.Text.Fold(text) switch
    {
        "pilote" or "co pilote" or "copilote" => PartnerRole.Pilote,
        "contributeur" or "contributrice" => PartnerRole.Contributeur,
        "financeur" or "financeuse" => PartnerRole.Financeur,
        _ => null,
    };

    public static string ModeText(ProgressMode mode) => mode switch
    {
        ProgressMode.Manuel => "manuel",
        ProgressMode.Statut => "statut",
        _ => "sous-actions",
    };

    public static ProgressMode? ParseMode(string text) => Domain.Common.Text.Fold(text) switch
    {
        "manuel" => ProgressMode.Manuel,
        "statut" or "" => ProgressMode.Statut,
        "sous actions" => ProgressMode.SousActions,
        _ => null,
    };

    public static string KindText(BudgetKind kind) => kind switch
    {
        BudgetKind.EnveloppeCite => "enveloppe-cite",
        BudgetKind.Cofinancement => "cofinancement",
        _ => "valorisation",
    };

    public static BudgetKind? ParseKind(string text) => Domain.Common.Text.Fold(text) switch
    {
        "enveloppe cite" => BudgetKind.EnveloppeCite,
        "cofinancement" => BudgetKind.Cofinancement,
        "valorisation" => BudgetKind.Valorisation,
        _ => null,
    };
}

/// <summary>A file read into cells, before any meaning is given to them: its header and its rows with their line numbers.</summary>
/// <param name="Problem">Set when the file as a whole could not be read (format, size, encoding): nothing else is.</param>
public sealed record PlanSheetFile(IReadOnlyList<string> Header, IReadOnlyList<PlanSheetLine> Lines, string? Problem = null)
{
    public static PlanSheetFile Refused(string problem) => new([], [], problem);
}

/// <summary>A row of the file: the line number a person sees in their spreadsheet (the header is line 1), and its cells.</summary>
public sealed record PlanSheetLine(int Line, IReadOnlyList<string> Cells);

/// <summary>Reads an uploaded file as CSV or XLSX, by its content (an XLSX is a zip), refusing anything else.</summary>
public static class PlanSheetReader
{
    public static PlanSheetFile Read(string fileName, byte[] content)
    {
        if (content.Length > PlanSheet.MaxBytes)
        {
            return PlanSheetFile.Refused($"Le fichier dépasse {PlanSheet.MaxBytes / (1024 * 1024)} Mo : importez au plus {PlanSheet.MaxRows} actions.");
        }
        if (content.Length == 0)
        {
            return PlanSheetFile.Refused("Le fichier est vide.");
        }
        var isZip = content.AsSpan().StartsWith("PK\x03\x04"u8);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (isZip && extension is ".xlsx" or "")
        {
            return PlanXlsx.Read(content);
        }
        if (!isZip && extension is ".csv" or ".txt" or "")
        {
            return PlanCsv.Read(content);
        }
        return PlanSheetFile.Refused("Ce fichier n'est ni un CSV ni un classeur XLSX : importez un fichier exporté depuis la feuille de route (CSV ou XLSX).");
    }
}
