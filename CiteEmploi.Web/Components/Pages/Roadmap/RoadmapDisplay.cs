using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Roadmap;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>How the feuille de route's pages write states, amounts and dates in French, and read what people type.</summary>
public static class RoadmapDisplay
{
    public static string Euros(decimal amount) => Money.Format(amount);

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("dd/MM/yyyy", FrenchCulture.Culture) : "—";

    /// <summary>An action's dates in words, for those who cannot see a bar (« Du 01/02/2026 au 30/06/2026 »).</summary>
    public static string DatesText(DateOnly? start, DateOnly? due) => (start, due) switch
    {
        ({ } s, { } d) => $"Du {Date(s)} au {Date(d)}",
        ({ } s, null) => $"À partir du {Date(s)}, sans échéance",
        (null, { } d) => $"Échéance le {Date(d)}",
        _ => "Sans dates",
    };

    /// <summary>A month's heading on the timeline: « janv. », or « janv. 2026 » with its year.</summary>
    public static string MonthLabel(DateOnly month, bool withYear) =>
        month.ToString(withYear ? "MMM yyyy" : "MMM", FrenchCulture.Culture);

    public static string Period(int startYear, int endYear) => startYear == endYear ? $"{startYear}" : $"{startYear} – {endYear}";

    public static string StateLabel(PlanState state) => state switch
    {
        PlanState.Brouillon => "Brouillon",
        PlanState.Adopte => "Adoptée en COPIL",
        PlanState.Revise => "Révisée en COPIL",
        _ => state.ToString(),
    };

    public static Color StateColor(PlanState state) => state switch
    {
        PlanState.Brouillon => Color.Default,
        PlanState.Adopte => Color.Success,
        _ => Color.Info,
    };

    public static Color StatusColor(StatusKind kind) => kind switch
    {
        StatusKind.Realisee => Color.Success,
        StatusKind.Abandonnee => Color.Default,
        _ => Color.Primary,
    };

    public static string KindLabel(BudgetKind kind) => kind switch
    {
        BudgetKind.EnveloppeCite => "Enveloppe Cité",
        BudgetKind.Cofinancement => "Cofinancement",
        BudgetKind.Valorisation => "Valorisation",
        _ => kind.ToString(),
    };

    public static string RoleLabel(PartnerRole role) => role switch
    {
        PartnerRole.Pilote => "Co-pilote",
        PartnerRole.Contributeur => "Contributeur",
        PartnerRole.Financeur => "Financeur",
        _ => role.ToString(),
    };

    public static string ModeLabel(ProgressMode mode) => mode switch
    {
        ProgressMode.Manuel => "Saisi à la main",
        ProgressMode.Statut => "Selon le statut",
        ProgressMode.SousActions => "Moyenne des sous-actions",
        _ => mode.ToString(),
    };

    /// <summary>An amount typed « 12 500,50 », « 12500.5 » or « 12 500 € »; null and a French message under <paramref name="key"/> when unreadable.</summary>
    public static decimal? ReadAmount(string? text, string key, string what, ValidationErrors errors)
    {
        if (FrenchCulture.TryReadAmount(text, out var value))
        {
            return value;
        }
        errors.Add(key, $"{what} doit être un montant en euros (ex. : 12 500,00).");
        return null;
    }

    /// <summary>A year typed « 2026 »; null and a French message under <paramref name="key"/> when it is not a number.</summary>
    public static int? ReadYear(string? text, string key, string what, ValidationErrors errors)
    {
        var cleaned = (text ?? string.Empty).Trim();
        if (int.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year;
        }
        errors.Add(key, cleaned.Length == 0 ? $"Indiquez {what}." : $"{Capitalise(what)} s'écrit en chiffres (ex. : 2026).");
        return null;
    }

    /// <summary>« 12 500,00 » for an input: French decimals, no currency sign.</summary>
    public static string AmountInput(decimal amount) => amount.ToString("0.00", FrenchCulture.Culture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], FrenchCulture.Culture) + text[1..];

    /// <summary>A change of the history in French words: « Échéance : 30/06/2026 → 15/09/2026 », « création ».</summary>
    public static string DescribeChange(PlanChangeView change) => change.Field switch
    {
        "+" => change.ActionId is null ? "création de la feuille de route" : "création de l'action",
        "-" => change.ActionId is null ? "suppression de la feuille de route" : "suppression de l'action",
        PlanChange.Restored => "action rétablie",
        _ => $"{FieldLabel(change.Field)} : {ShortValue(change.Before)} → {ShortValue(change.After)}",
    };

    /// <summary>The French name of a field of the history (the snapshot's camelCase names).</summary>
    public static string FieldLabel(string field) => field switch
    {
        "title" => "Intitulé",
        "description" => "Description",
        "parentId" => "Niveau supérieur",
        "position" => "Ordre",
        "pilotStructureId" => "Structure pilote",
        "partners" => "Partenaires",
        "contact" => "Contact",
        "freinCodes" => "Freins",
        "publicCodes" => "Publics",
        "qpvCodes" => "QPV",
        "startDate" => "Début",
        "dueDate" => "Échéance",
        "statusCode" => "Statut",
        "progressMode" => "Mode d'avancement",
        "manualProgress" => "Avancement",
        "milestones" => "Jalons",
        "budgetLines" => "Budget",
        "origin" => "Origine",
        "externalId" => "Identifiant externe",
        "startYear" => "Année de début",
        "endYear" => "Année de fin",
        "envelope" => "Enveloppe",
        "levels" => "Niveaux",
        "statuses" => "Statuts",
        "state" => "État",
        "decisions" => "Décisions",
        _ => field,
    };

    private static string ShortValue(string? value)
    {
        var text = value?.Trim('"');
        return string.IsNullOrEmpty(text) || text == "null" ? "(vide)" : text.Length > 80 ? text[..80] + "…" : text;
    }
}
