using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>One refusal of an import: the spreadsheet row (null: the file as a whole) and why, in French.</summary>
public sealed record PlanImportIssue(int? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"Ligne {l} : {Message}" : Message;
}

public enum PlanImportOutcome
{
    /// <summary>Checked against the plan, nothing written.</summary>
    Preview,
    Imported,
    Refused,
    Forbidden,
    Missing,
}

/// <summary>What an import did (or, for a preview, would do); refused, every bad row with its reason and nothing written.</summary>
public sealed record PlanImportReport(PlanImportOutcome Outcome, int Added, int Modified, int Unchanged, IReadOnlyList<PlanImportIssue> Issues)
{
    public bool Succeeded => Outcome is PlanImportOutcome.Preview or PlanImportOutcome.Imported;

    /// <summary>« 3 actions modifiées, 2 ajoutées, 10 inchangées ».</summary>
    public string Summary => Outcome switch
    {
        PlanImportOutcome.Forbidden => "Seule la coordination de la Cité importe une feuille de route.",
        PlanImportOutcome.Missing => "Cette feuille de route n'existe pas ou plus.",
        PlanImportOutcome.Refused => $"Import refusé : {Issues.Count} problème(s). Rien n'a été importé.",
        _ => $"{Plural(Modified, "action modifiée", "actions modifiées")}, {Plural(Added, "ajoutée", "ajoutées")}, {Plural(Unchanged, "inchangée", "inchangées")}",
    };

    private static string Plural(int n, string one, string many) => $"{n} {(n > 1 ? many : one)}";

    public static PlanImportReport Of(PlanImportOutcome outcome) => new(outcome, 0, 0, 0, []);

    public static PlanImportReport Refused(IEnumerable<PlanImportIssue> issues) =>
        new(PlanImportOutcome.Refused, 0, 0, 0, [.. issues.OrderBy(i => i.Line ?? 0)]);
}

/// <summary>
/// Gives meaning to the cells of an import (<see cref="PlanSheet"/>) against the plan as it is: which action each row is
/// (by identifier: the external id, or the action's own id), what its content becomes, and under which parent. Every
/// row is checked, every problem kept with its row, so a person fixes the whole file at once. Rows of the plan that the
/// file does not name are left as they are (an import never deletes). Pure: <c>PlanService.ImportAsync</c> applies it.
/// </summary>
public static class PlanImporter
{
    /// <summary>One row made sense of: the action it updates (null: a new one) and its parent (a row of the file or an action).</summary>
    public sealed record Row(int Index, int Line, string Code, PlanAction? Existing, PlanActionContent Content, ParentRef Parent, int Depth);

    /// <summary>The parent of a row: none (an axis), another row of the file (by its <see cref="Row.Index"/>), or an action not in the file.</summary>
    public sealed record ParentRef(int? RowIndex, Guid? ActionId)
    {
        public static ParentRef Top { get; } = new(null, null);
    }

    /// <summary>The rows in the order they can be applied (parents first), or the problems.</summary>
    public sealed record Prepared(IReadOnlyList<Row> Rows, IReadOnlyList<PlanImportIssue> Issues);

    public static Prepared Prepare(PlanSheetFile file, Plan plan, IReadOnlyList<PlanAction> live, IReadOnlyDictionary<Guid, string> structureNames,
        PlanReferences references)
    {
        var issues = new List<PlanImportIssue>();
        if (file.Problem is { } problem)
        {
            return new Prepared([], [new PlanImportIssue(null, problem)]);
        }
        var columns = ReadHeader(file.Header, issues);
        if (issues.Count > 0)
        {
            return new Prepared([], issues);
        }

        var tree = PlanTree.Build(plan.Statuses, live.Select(a => a.Snapshot()));
        var byExternal = live.Where(a => a.ExternalId is not null).GroupBy(a => a.ExternalId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byId = live.ToDictionary(a => a.Id.ToString(), StringComparer.OrdinalIgnoreCase);
        var byCode = tree.Nodes.ToDictionary(n => n.Code, n => n.Id, StringComparer.Ordinal);
        var structures = structureNames.GroupBy(s => Text.Fold(s.Value)).ToDictionary(g => g.Key, g => g.Select(s => s.Key).ToList());

        var rows = new List<(PlanSheetLine Line, string Code, string ParentCode, PlanAction? Existing, PlanActionContent Content)>();
        var seenIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seenCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in file.Lines)
        {
            string cell(string column) => columns.TryGetValue(column, out var i) && i < line.Cells.Count ? line.Cells[i].Trim() : string.Empty;
            bool has(string column) => columns.ContainsKey(column);
            void refuse(string message) => issues.Add(new PlanImportIssue(line.Line, message));

            if (line.Cells.Count > file.Header.Count && line.Cells.Skip(file.Header.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                refuse($"{line.Cells.Count} cellules pour {file.Header.Count} colonnes : une cellule déborde (un « ; » non protégé par des guillemets ?).");
            }
            var identifier = cell(PlanSheet.Identifier);
            var existing = identifier.Length == 0 ? null : byExternal.GetValueOrDefault(identifier) ?? byId.GetValueOrDefault(identifier);
            if (identifier.Length > 0 && seenIds.TryGetValue(identifier, out var firstId))
            {
                refuse($"l'identifiant « {identifier} » est déjà celui de la ligne {firstId}.");
            }
            else if (identifier.Length > 0)
            {
                seenIds[identifier] = line.Line;
            }
            var code = cell(PlanSheet.Code);
            if (code.Length > 0 && seenCodes.TryGetValue(code, out var firstCode))
            {
                refuse($"le code « {code} » est déjà celui de la ligne {firstCode}.");
            }
            else if (code.Length > 0)
            {
                seenCodes[code] = line.Line;
            }

            var basis = existing?.Content ?? new PlanActionContent { ProgressMode = ProgressMode.Statut };
            var content = basis;
            if (has(PlanSheet.Title))
            {
                content = content with { Title = cell(PlanSheet.Title) };
            }
            if (has(PlanSheet.Description))
            {
                // the description keeps its inner line breaks and indentation; only its ends are trimmed (as the domain does)
                content = content with { Description = columns.TryGetValue(PlanSheet.Description, out var d) && d < line.Cells.Count ? line.Cells[d] : string.Empty };
            }
            if (has(PlanSheet.Contact))
            {
                content = content with { Contact = cell(PlanSheet.Contact) };
            }
            if (has(PlanSheet.Pilot))
            {
                var pilot = cell(PlanSheet.Pilot);
                content = content with { PilotStructureId = pilot.Length == 0 ? null : Structure(pilot, structures, structureNames, "pilote", refuse) };
            }
            if (has(PlanSheet.Partners))
            {
                content = content with { Partners = Partners(cell(PlanSheet.Partners), structures, structureNames, refuse) };
            }
            if (has(PlanSheet.Freins))
            {
                content = content with { FreinCodes = Codes(cell(PlanSheet.Freins)) };
            }
            if (has(PlanSheet.Publics))
            {
                content = content with { PublicCodes = Codes(cell(PlanSheet.Publics)) };
            }
            if (has(PlanSheet.Qpvs))
            {
                content = content with { QpvCodes = Codes(cell(PlanSheet.Qpvs)) };
            }
            if (has(PlanSheet.Start))
            {
                content = content with { StartDate = Date(cell(PlanSheet.Start), "début", refuse) };
            }
            if (has(PlanSheet.Due))
            {
                content = content with { DueDate = Date(cell(PlanSheet.Due), "échéance", refuse) };
            }
            if (has(PlanSheet.Status))
            {
                var status = cell(PlanSheet.Status);
                var found = status.Length == 0 ? plan.Statuses.FirstOrDefault()
                    : plan.Statuses.FirstOrDefault(s => s.Code == status) ?? plan.Statuses.FirstOrDefault(s => Text.Fold(s.Label) == Text.Fold(status));
                if (found is null)
                {
                    refuse($"statut inconnu « {status} » : choisissez parmi {string.Join(", ", plan.Statuses.Select(s => s.Label))}.");
                }
                else
                {
                    content = content with { StatusCode = found.Code };
                }
            }
            if (has(PlanSheet.Mode))
            {
                var modeText = cell(PlanSheet.Mode);
                if (PlanSheet.ParseMode(modeText) is { } mode)
                {
                    content = content with { ProgressMode = mode };
                }
                else
                {
                    refuse($"mode d'avancement inconnu « {modeText} » : manuel, statut ou sous-actions.");
                }
            }
            if (has(PlanSheet.Progress) && content.ProgressMode == ProgressMode.Manuel)
            {
                var progressText = cell(PlanSheet.Progress).TrimEnd('%').Trim();
                if (int.TryParse(progressText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var progress))
                {
                    content = content with { ManualProgress = progress };
                }
                else
                {
                    refuse($"avancement illisible « {progressText} » : un nombre entier de 0 à 100.");
                }
            }
            if (has(PlanSheet.Milestones))
            {
                content = content with { Milestones = Milestones(cell(PlanSheet.Milestones), basis.Milestones, refuse) };
            }
            if (has(PlanSheet.Budget))
            {
                content = content with { BudgetLines = BudgetLines(cell(PlanSheet.Budget), refuse) };
            }
            if (existing is null)
            {
                content = content with { ExternalId = identifier.Length == 0 ? null : identifier };
            }

            // every rule of an action, with the domain's own messages
            try
            {
                PlanAction.Validate(plan, content, references, assignIds: false);
            }
            catch (DomainValidationException ex)
            {
                foreach (var message in ex.Errors.ByField.SelectMany(f => f.Value))
                {
                    refuse(message);
                }
            }
            rows.Add((line, code, cell(PlanSheet.ParentCode), existing, content));
        }

        var rowByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Code.Length > 0)
            {
                rowByCode.TryAdd(rows[i].Code, i);
            }
        }
        // an action the file updates is reached through its row, so a parent moved in the file is followed
        var rowOfAction = rows.Select((r, i) => (r.Existing, i)).Where(x => x.Existing is not null).GroupBy(x => x.Existing!.Id).ToDictionary(g => g.Key, g => g.First().i);
        var parents = new ParentRef[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var parentCode = rows[i].ParentCode;
            if (parentCode.Length == 0)
            {
                parents[i] = ParentRef.Top;
            }
            else if (rowByCode.TryGetValue(parentCode, out var r))
            {
                parents[i] = new ParentRef(r, null);
            }
            else if (byCode.TryGetValue(parentCode, out var actionId))
            {
                parents[i] = rowOfAction.TryGetValue(actionId, out var row) ? new ParentRef(row, null) : new ParentRef(null, actionId);
            }
            else
            {
                issues.Add(new PlanImportIssue(rows[i].Line.Line, $"le code parent « {parentCode} » n'est ni une ligne du fichier ni une action de la feuille de route."));
                parents[i] = ParentRef.Top;
            }
        }

        // the tree as it will be: no cycle, no level beyond the plan's
        var depths = new int?[rows.Count];
        int? depthOf(int i, HashSet<int> visiting)
        {
            if (depths[i] is { } known)
            {
                return known;
            }
            if (!visiting.Add(i))
            {
                return null;
            }
            var p = parents[i];
            int? depth = p.RowIndex is { } r ? depthOf(r, visiting) + 1
                : p.ActionId is { } a ? tree.Find(a)!.Depth + 1
                : 1;
            depths[i] = depth;
            return depth;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var depth = depthOf(i, []);
            if (depth is null)
            {
                issues.Add(new PlanImportIssue(rows[i].Line.Line, $"le code parent « {rows[i].ParentCode} » ferait un cycle : une action ne peut pas être rangée sous elle-même ou sous une de ses sous-actions."));
            }
            else if (depth > plan.Levels.Count)
            {
                issues.Add(new PlanImportIssue(rows[i].Line.Line,
                    $"la feuille de route a {plan.Levels.Count} niveaux ({string.Join(" / ", plan.Levels)}) : cette ligne serait au niveau {depth}."));
            }
        }
        if (issues.Count > 0)
        {
            return new Prepared([], [.. issues.OrderBy(i => i.Line ?? 0)]);
        }
        var prepared = rows.Select((r, i) => new Row(i, r.Line.Line, r.Code, r.Existing, r.Content, parents[i], depths[i]!.Value)).ToList();
        // parents first; in file order among the same depth, so new siblings keep the file's order
        return new Prepared([.. prepared.Select((r, i) => (r, i)).OrderBy(x => x.r.Depth).ThenBy(x => x.i).Select(x => x.r)], []);
    }

    private static Dictionary<string, int> ReadHeader(IReadOnlyList<string> header, List<PlanImportIssue> issues)
    {
        var known = PlanSheet.Columns.ToDictionary(Text.Fold, c => c);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.Length == 0)
            {
                continue;
            }
            if (!known.TryGetValue(Text.Fold(name), out var column))
            {
                issues.Add(new PlanImportIssue(1, $"colonne inconnue « {name} » : les colonnes possibles sont {string.Join(", ", PlanSheet.Columns)}."));
            }
            else if (!columns.TryAdd(column, i))
            {
                issues.Add(new PlanImportIssue(1, $"la colonne « {column} » figure deux fois."));
            }
        }
        if (issues.Count == 0 && !columns.ContainsKey(PlanSheet.Title))
        {
            issues.Add(new PlanImportIssue(1, $"il manque la colonne « {PlanSheet.Title} »."));
        }
        if (issues.Count == 0 && !columns.ContainsKey(PlanSheet.Identifier))
        {
            issues.Add(new PlanImportIssue(1, $"il manque la colonne « {PlanSheet.Identifier} » : sans elle, chaque ligne ajouterait une action en double."));
        }
        return columns;
    }

    private static Guid? Structure(string text, Dictionary<string, List<Guid>> byName, IReadOnlyDictionary<Guid, string> names, string what, Action<string> refuse)
    {
        if (Guid.TryParse(text, out var id) && names.ContainsKey(id))
        {
            return id;
        }
        if (byName.TryGetValue(Text.Fold(text), out var ids))
        {
            if (ids.Count == 1)
            {
                return ids[0];
            }
            refuse($"plusieurs structures de l'annuaire s'appellent « {text} » ({what}) : écrivez son identifiant à la place du nom.");
            return null;
        }
        refuse($"structure {what} inconnue « {text} » : elle n'est pas dans l'annuaire de la Cité.");
        return null;
    }

    private static List<ActionPartner> Partners(string cell, Dictionary<string, List<Guid>> byName, IReadOnlyDictionary<Guid, string> names, Action<string> refuse)
    {
        var partners = new List<ActionPartner>();
        foreach (var item in Items(cell))
        {
            var open = item.LastIndexOf('(');
            var role = open > 0 && item.EndsWith(')') ? PlanSheet.ParseRole(item[(open + 1)..^1]) : null;
            if (role is null)
            {
                refuse($"partenaire « {item} » : écrivez « Nom de la structure (pilote) », « (contributeur) » ou « (financeur) ».");
                continue;
            }
            if (Structure(item[..open].Trim(), byName, names, "partenaire", refuse) is { } id)
            {
                partners.Add(new ActionPartner(id, role.Value));
            }
        }
        return partners;
    }

    private static List<string> Codes(string cell) =>
        [.. cell.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static DateOnly? Date(string text, string what, Action<string> refuse)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        refuse($"date de {what} illisible « {text} » : écrivez-la 2026-03-31 (ou 31/03/2026).");
        return null;
    }

    private static List<Milestone> Milestones(string cell, IReadOnlyList<Milestone> current, Action<string> refuse)
    {
        var milestones = new List<Milestone>();
        var unused = current.ToList();
        foreach (var item in Items(cell))
        {
            var parts = item.Split('|', StringSplitOptions.TrimEntries);
            var done = parts.Length >= 3 ? Text.Fold(parts[^1]) switch { "fait" or "faite" or "oui" => (bool?)true, "a faire" or "non" or "" => false, _ => null } : false;
            var title = parts.Length >= 3 ? string.Join(" | ", parts[1..^1]) : parts.Length == 2 ? parts[1] : string.Empty;
            if (parts.Length < 2 || done is null || !DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                refuse($"jalon « {item} » : écrivez « 2026-03-31 | Titre du jalon | fait » (ou « à faire »).");
                continue;
            }
            // the same milestone keeps its id (a calendar subscribed to it updates the event instead of adding one)
            var same = unused.FirstOrDefault(m => m.Date == date && Text.Fold(m.Title) == Text.Fold(title)) ?? unused.FirstOrDefault(m => Text.Fold(m.Title) == Text.Fold(title));
            if (same is not null)
            {
                unused.Remove(same);
            }
            milestones.Add(new Milestone(same?.Id ?? Guid.Empty, title, date, done.Value));
        }
        return milestones;
    }

    private static List<BudgetLine> BudgetLines(string cell, Action<string> refuse)
    {
        var lines = new List<BudgetLine>();
        foreach (var item in Items(cell))
        {
            var parts = item.Split('|', StringSplitOptions.TrimEntries);
            const string format = "écrivez « 2026 | enveloppe-cite | Financeur | prévu | engagé | réalisé », montants avec un point (1500.00)";
            if (parts.Length < 6)
            {
                refuse($"ligne de budget « {item} » : {format}.");
                continue;
            }
            var funder = string.Join(" | ", parts[2..^3]);
            var ok = true;
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                refuse($"ligne de budget « {item} » : année illisible « {parts[0] } ».");
                ok = false;
            }
            var kind = PlanSheet.ParseKind(parts[1]);
            if (kind is null)
            {
                refuse($"ligne de budget « {item} » : nature inconnue « {parts[1]} » (enveloppe-cite, cofinancement ou valorisation).");
                ok = false;
            }
            var amounts = new decimal[3];
            for (var i = 0; i < 3; i++)
            {
                var text = parts[^(3 - i)].Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal).TrimEnd('€');
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amounts[i]))
                {
                    refuse($"ligne de budget « {item} » : montant illisible « {parts[^(3 - i)]} » ({format}).");
                    ok = false;
                }
            }
            if (ok)
            {
                lines.Add(new BudgetLine(funder, kind!.Value, year, amounts[0], amounts[1], amounts[2]));
            }
        }
        return lines;
    }

    private static IEnumerable<string> Items(string cell) =>
        cell.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
