namespace CiteEmploi.Domain.Indicators;

/// <summary>
/// The indicators every Cité shares, from the national evaluation (seeds/003): kept in code, versioned with the app, so
/// their codes stay stable and every Cité reads the same definitions (docs/decisions/0027-indicators.md). Codes are
/// never renamed nor reused: a value stored under a code keeps its meaning.
/// </summary>
public static class NationalCatalogue
{
    /// <summary>The unit of counts of people (those carry the breakdowns).</summary>
    public const string People = "personnes";

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new("actions-aller-vers", "Actions d'aller-vers", "actions", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Actions menées vers les personnes « hors radar » (porte-à-porte, permanences en pied d'immeuble, événements de quartier)."),
        new("personnes-reperees", "Personnes repérées", People, IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Nouvelles personnes identifiées pendant la période et orientées vers un accompagnement."),
        new("accompagnement-renforce", "Personnes en accompagnement renforcé", People, IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Personnes suivies en accompagnement renforcé pendant la période."),
        new("sorties-emploi-formation", "Sorties vers l'emploi ou la formation", "%", IndicatorKind.Ratio, IndicatorDirection.Hausse,
            "Part des personnes accompagnées sorties vers un emploi ou une formation pendant la période.",
            NumeratorLabel: "Personnes sorties vers l'emploi ou la formation", DenominatorLabel: "Personnes accompagnées"),
        new("partenaires-impliques", "Partenaires impliqués", "structures", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Structures pilotes ou partenaires d'une action de la feuille de route à la fin de la période.",
            CountedBy: CountedIndicator.PartenairesImpliques),
        new("partenaires-actifs", "Partenaires actifs", "structures", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Structures présentes à une séance tenue pendant la période, ou dont un membre a modifié la feuille de route pendant la période.",
            CountedBy: CountedIndicator.PartenairesActifs),
        new("seances-tenues", "Séances tenues", "séances", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Comités de pilotage, comités techniques, temps d'interconnaissance et ateliers tenus pendant la période.",
            CountedBy: CountedIndicator.SeancesTenues),
        new("actions-feuille-de-route", "Actions de la feuille de route", "actions", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Actions de la feuille de route à la fin de la période, par axe et par statut.",
            CountedBy: CountedIndicator.ActionsFeuilleDeRoute),
        new("budget-consomme", "Budget consommé", "€", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Montants réalisés des lignes de budget de la feuille de route pour l'année.",
            CountedBy: CountedIndicator.BudgetConsomme),
        new("orientations-enregistrees", "Orientations enregistrées", "orientations", IndicatorKind.Nombre, IndicatorDirection.Hausse,
            "Orientations de personnes vers un service de l'annuaire enregistrées par les partenaires pour un jour de la période, par frein (rien n'est gardé des personnes).",
            CountedBy: CountedIndicator.OrientationsEnregistrees),
        new("niveau-cooperation", "Niveau de coopération", "niveau", IndicatorKind.Qualitatif, IndicatorDirection.Hausse,
            "Appréciation partagée du niveau de coopération entre partenaires (par exemple « bon », « à consolider »)."),
    ];

    public static IndicatorDefinition? Find(string? code) => All.FirstOrDefault(d => d.Code == code);
}
