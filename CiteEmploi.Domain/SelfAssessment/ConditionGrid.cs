using System.Globalization;

namespace CiteEmploi.Domain.SelfAssessment;

/// <summary>One level of a condition: its number (1–4), a short name, the points it gives and what it looks like.</summary>
public sealed record GridLevel(int Level, string Name, int Score, string Descriptor);

/// <summary>A theme of the grid (« 1. Le portage et le partenariat… »), grouping its conditions.</summary>
public sealed record GridTheme(int Number, string Title);

/// <summary>A condition of success: its code (« 1.1 »), theme, short French title, weight and four levels.</summary>
public sealed record GridCondition(string Code, int Theme, string Title, int Weight, IReadOnlyList<GridLevel> Levels)
{
    public int MaxScore => Levels.Max(l => l.Score);

    public GridLevel? Find(int level) => Levels.FirstOrDefault(l => l.Level == level);
}

/// <summary>
/// The self-assessment grid on the evaluation's conditions of success (seeds/003, « Les conditions de réussite
/// identifiées lors de l'évaluation »), versioned in code like the national catalogue: an assessment records the
/// version it was made with, and a change of wording, weight or score is a new version, never an edit of this one
/// (docs/decisions/0028-self-assessment.md). The text announces « 12 conditions » but lists 13 items (1.1–4.4): the
/// grid takes the listed items as they are.
/// </summary>
public sealed class ConditionGrid
{
    private ConditionGrid(string version, IReadOnlyList<GridTheme> themes, IReadOnlyList<GridCondition> conditions)
    {
        Version = version;
        Themes = themes;
        Conditions = conditions;
    }

    public string Version { get; }

    public IReadOnlyList<GridTheme> Themes { get; }

    public IReadOnlyList<GridCondition> Conditions { get; }

    public GridCondition? Find(string? code) => Conditions.FirstOrDefault(c => c.Code == code?.Trim());

    /// <summary>The lowest and highest level of every condition (the same scale for all).</summary>
    public (int Min, int Max) LevelRange => (Conditions.Min(c => c.Levels.Min(l => l.Level)), Conditions.Max(c => c.Levels.Max(l => l.Level)));

    /// <summary>
    /// The score of the levels given, as a % with one decimal: Σ(weight × level's points) / Σ(weight × maximum points),
    /// over the conditions that have a level (the others count for nothing either way); null when none has one.
    /// </summary>
    public decimal? Score(IReadOnlyDictionary<string, int> levels)
    {
        decimal got = 0, max = 0;
        foreach (var condition in Conditions)
        {
            if (levels.TryGetValue(condition.Code, out var level) && condition.Find(level) is { } found)
            {
                got += condition.Weight * found.Score;
                max += condition.Weight * condition.MaxScore;
            }
        }
        return max == 0 ? null : decimal.Round(got * 100m / max, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>« 54,2 % ».</summary>
    public static string FormatScore(decimal score) => score.ToString("0.#", CultureInfo.GetCultureInfo("fr-FR")) + " %";

    /// <summary>The grid of 2026: thirteen conditions in four themes, four levels each worth 0 to 3 points.</summary>
    public static ConditionGrid V2026 { get; } = new("2026-1",
    [
        new(1, "Le portage et le partenariat"),
        new(2, "Des modalités d'expérimentation souples"),
        new(3, "La fonction de coordination"),
        new(4, "Des actions adaptées plutôt que nouvelles"),
    ],
    [
        C("1.1", 1, "Conforter le copilotage collectivité / État", 2,
            "Pas de binôme : un seul des deux pilote, ou personne.",
            "Le binôme existe sur le papier, il se réunit rarement.",
            "Le binôme copilote les comités et partage les décisions.",
            "Copilotage régulier ; la collectivité porte la coordination."),
        C("1.2", 1, "Un double engagement de l'État : politique de la ville et emploi", 1,
            "Un seul service de l'État suit la Cité.",
            "Préfecture et DDETS sont informées, sans rôle défini.",
            "Préfecture et DDETS ont chacune un interlocuteur identifié.",
            "Les deux adaptent le droit commun au profit des habitants des QPV."),
        C("1.3", 1, "Une coopération horizontale et un partenariat équilibré", 1,
            "Décisions descendantes, partenaires simplement informés.",
            "Les partenaires sont consultés ponctuellement.",
            "Les partenaires co-construisent les actions.",
            "Décisions partagées ; chaque partenaire porte des actions."),
        C("1.4", 1, "Élargir le cercle aux acteurs du social et de l'insertion", 1,
            "Seuls les acteurs de l'emploi participent.",
            "Quelques acteurs sociaux sont invités ponctuellement.",
            "Conseil départemental et CAF participent aux instances.",
            "Les acteurs sociaux copilotent des actions avec ceux de l'emploi."),
        C("2.1", 2, "Une échelle géographique adaptée au territoire", 1,
            "Le périmètre ne correspond pas aux besoins.",
            "Le périmètre est discuté mais subi.",
            "Le périmètre est choisi et partagé par les partenaires.",
            "Le périmètre s'ajuste selon les actions (quartier, commune, EPCI)."),
        C("2.2", 2, "Des financements souples, hors appel à projets", 1,
            "Tout passe par appel à projets, dans l'urgence.",
            "Quelques crédits souples, difficiles à mobiliser.",
            "Une enveloppe souple finance les expérimentations.",
            "Financements souples et pluriannuels, dépensés sans précipitation."),
        C("2.3", 2, "Que le rendu-compte ne prenne pas le pas sur le sens", 1,
            "Le reporting occupe l'essentiel du temps de coordination.",
            "Le reporting pèse, son utilité est peu partagée.",
            "Quelques indicateurs partagés, utiles aux partenaires.",
            "Les indicateurs servent à décider ; le reporting reste léger."),
        C("3.1", 3, "Sauvegarder le rôle de coordination et d'ingénierie", 2,
            "Pas de coordination dédiée, ou poste vacant.",
            "Coordination surtout administrative.",
            "Coordination reconnue comme tiers médiateur.",
            "Coordination experte, non verticale, avec des moyens d'ingénierie."),
        C("3.2", 3, "Rationaliser les instances pour ne pas sursolliciter les partenaires", 1,
            "Instances nombreuses et redondantes.",
            "Quelques regroupements, encore des doublons.",
            "Instances articulées avec celles du SPE.",
            "La Cité est représentée partout où il faut, sans doublon."),
        C("4.1", 4, "Agir sur un diagnostic réellement partagé et actualisé", 2,
            "Pas de diagnostic partagé.",
            "Un diagnostic initial, jamais actualisé.",
            "Diagnostic partagé, actualisé de temps en temps.",
            "Diagnostic co-construit et actualisé en continu."),
        C("4.2", 4, "Des actions « adaptées » plutôt qu'« ad hoc »", 1,
            "Actions nouvelles qui s'ajoutent aux dispositifs.",
            "Quelques actions adaptent l'existant.",
            "La plupart des actions adaptent le droit commun.",
            "Adapter l'existant est la règle ; aucun doublon de dispositif."),
        C("4.3", 4, "Un continuum entre accompagnement social et emploi", 1,
            "Social et emploi travaillent séparément.",
            "Des orientations ponctuelles entre les deux.",
            "Des parcours communs pour certains publics.",
            "Un continuum sans couture pour tous les publics prioritaires."),
        C("4.4", 4, "Des actions d'aller-vers conjuguant emploi et social", 1,
            "Pas d'aller-vers.",
            "Aller-vers mené par une seule structure.",
            "Aller-vers conjoint emploi et social, ponctuel.",
            "Aller-vers conjoint régulier, avec les réseaux de proximité."),
    ]);

    /// <summary>The grid of a version; null for an unknown one.</summary>
    public static ConditionGrid? OfVersion(string? version) => version == V2026.Version ? V2026 : null;

    /// <summary>The grid new assessments are made with.</summary>
    public static ConditionGrid Current => V2026;

    private static GridCondition C(string code, int theme, string title, int weight, string level1, string level2, string level3, string level4) =>
        new(code, theme, title, weight,
        [
            new(1, "Absent", 0, level1),
            new(2, "Amorcé", 1, level2),
            new(3, "En place", 2, level3),
            new(4, "Consolidé", 3, level4),
        ]);
}
