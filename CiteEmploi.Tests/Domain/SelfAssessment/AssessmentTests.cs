using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;

namespace CiteEmploi.Tests.Domain.SelfAssessment;

public sealed class AssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid CiteId = Guid.NewGuid();

    private static Assessment Open(AssessmentMode mode = AssessmentMode.Collective) => Assessment.Open(CiteId, "2026-S1", mode, [], "Camille", Now);

    private static DomainValidationException Refused(Action action) => Assert.Throws<DomainValidationException>(action);

    [Fact]
    public void AnAssessment_IsOpenedForASemesterThatHasBegun_OnceAndWithTheCurrentGrid()
    {
        var assessment = Open();

        Assert.Equal((Period.Semester(2026, 1), "2026-1", AssessmentState.EnCours, AssessmentMode.Collective), (assessment.Period, assessment.GridVersion, assessment.State, assessment.Mode));
        Assert.Null(assessment.Score);
        Assert.Equal(new SelfAssessmentChanged(CiteId, "2026-S1"), Assert.Single(assessment.DomainEvents));
        Assert.Equal("L'auto-évaluation se fait par semestre : choisissez un semestre comme 2026-S1 ou 2026-S2 (« 2026-T1 » donné).",
            Assert.Single(Refused(() => Assessment.Open(CiteId, "2026-T1", AssessmentMode.Collective, [], "Camille", Now)).Errors.For(Period.Field)));
        Assert.Single(Refused(() => Assessment.Open(CiteId, "2026", AssessmentMode.Collective, [], "Camille", Now)).Errors.For(Period.Field));
        Assert.Single(Refused(() => Assessment.Open(CiteId, "S1", AssessmentMode.Collective, [], "Camille", Now)).Errors.For(Period.Field));
        Assert.Contains("n'a pas commencé", Assert.Single(Refused(() => Assessment.Open(CiteId, "2026-S2", AssessmentMode.Collective, [], "Camille", Now)).Errors.For(Period.Field)), StringComparison.Ordinal);
        Assert.Contains("existe déjà", Assert.Single(Refused(() => Assessment.Open(CiteId, "2026-S1", AssessmentMode.Collective, [Period.Semester(2026, 1)], "Camille", Now)).Errors.For(Period.Field)), StringComparison.Ordinal);
        Assert.Single(Refused(() => Assessment.Open(CiteId, "2026-S1", (AssessmentMode)9, [], "Camille", Now)).Errors.For(SelfAssessmentRules.ModeField));
    }

    [Fact]
    public void AnAgreedLevel_NeedsAGridLevelAndAJustification_AndReplacesTheConditionsPreviousOne()
    {
        var assessment = Open();

        var outside = Refused(() => assessment.Agree("1.1", 5, "Binôme actif", "Camille", Now));
        var none = Refused(() => assessment.Agree("1.1", null, "", "Camille", Now));
        var unknown = Refused(() => assessment.Agree("5.1", 2, "Texte", "Camille", Now));
        var tooLong = Refused(() => assessment.Agree("1.1", 2, new string('x', SelfAssessmentRules.JustificationMaxLength + 1), "Camille", Now));

        Assert.Equal("Le niveau 5 n'existe pas dans la grille : la condition 1.1 va du niveau 1 au niveau 4.", Assert.Single(outside.Errors.For(SelfAssessmentRules.LevelField)));
        Assert.Equal("Choisissez un niveau de 1 à 4 pour la condition 1.1.", Assert.Single(none.Errors.For(SelfAssessmentRules.LevelField)));
        Assert.Equal("Justifiez le niveau retenu : ce qui, dans la Cité, le montre.", Assert.Single(none.Errors.For(SelfAssessmentRules.JustificationField)));
        Assert.Equal("La condition « 5.1 » n'existe pas dans la grille 2026-1.", Assert.Single(unknown.Errors.For(SelfAssessmentRules.ConditionField)));
        Assert.Equal($"La justification compte au plus {SelfAssessmentRules.JustificationMaxLength} caractères (actuellement {SelfAssessmentRules.JustificationMaxLength + 1}).",
            Assert.Single(tooLong.Errors.For(SelfAssessmentRules.JustificationField)));
        Assert.Empty(assessment.Agreed); // nothing changed

        assessment.Agree("1.1", 2, "  Binôme formé, peu réuni  ", "Camille", Now);
        assessment.Agree("1.1", 3, "Binôme réuni à chaque COPIL", "Camille", Now);

        var agreed = Assert.Single(assessment.Agreed);
        Assert.Equal((3, "Binôme réuni à chaque COPIL"), (agreed.Level, agreed.Justification));
        Assert.Equal(66.7m, assessment.Score);
    }

    [Fact]
    public void AClosedAssessment_NeedsEveryLevel_ThenRefusesEveryChange()
    {
        var assessment = Open();
        var collective = ConditionRating.Rate(assessment, "1.1", 2, "", "u1", "Samia", "Mission Locale", Now);
        foreach (var condition in assessment.Grid.Conditions.Skip(1))
        {
            assessment.Agree(condition.Code, 3, "Constaté en séance", "Camille", Now);
        }

        var early = Refused(() => assessment.Close("Camille", Now));
        Assert.Equal("Retenez un niveau pour chaque condition avant de clore : il en manque 1 (1.1).", Assert.Single(early.Errors.For(SelfAssessmentRules.StateField)));
        assessment.Agree("1.1", 4, "Copilotage régulier", "Camille", Now);
        assessment.Close("Claire", Now);

        const string closed = "L'auto-évaluation du semestre 2026-S1 est close : elle ne change plus.";
        Assert.Equal((AssessmentState.Clos, "Claire"), (assessment.State, assessment.ClosedByName));
        Assert.Equal(closed, Assert.Single(Refused(() => assessment.Agree("1.2", 1, "Autre avis", "Camille", Now)).Errors.For(SelfAssessmentRules.StateField)));
        Assert.Equal(closed, Assert.Single(Refused(() => assessment.Close("Camille", Now)).Errors.For(SelfAssessmentRules.StateField)));
        Assert.Equal(closed, Assert.Single(Refused(() => collective.Change(assessment, 3, "", "Samia", null, Now)).Errors.For(SelfAssessmentRules.StateField)));
        Assert.Equal(closed, Assert.Single(Refused(() => ConditionRating.Rate(assessment, "1.2", 3, "", "u2", "Yanis", null, Now)).Errors.For(SelfAssessmentRules.StateField)));
        Assert.Equal(3, assessment.Levels["1.2"]);
    }

    [Fact]
    public void AClosedAssessment_IsReopenedWithAReason_KeepsItsLevels_AndSaysWhoHadClosedIt()
    {
        var assessment = Open(AssessmentMode.Coordination);
        foreach (var condition in assessment.Grid.Conditions)
        {
            assessment.Agree(condition.Code, 2, "Constaté en séance", "Camille", Now);
        }
        Assert.Equal("L'auto-évaluation du semestre 2026-S1 n'est pas close : il n'y a rien à rouvrir.",
            Assert.Single(Refused(() => assessment.Reopen("Erreur de saisie")).Errors.For(SelfAssessmentRules.StateField)));
        assessment.Close("Claire", Now);
        assessment.ClearDomainEvents();

        Assert.Equal("Dites pourquoi vous rouvrez l'auto-évaluation : la raison est gardée dans le journal de la Cité.",
            Assert.Single(Refused(() => assessment.Reopen("  ")).Errors.For(SelfAssessmentRules.ReasonField)));
        Assert.Equal("La raison compte au plus 300 caractères (actuellement 301).",
            Assert.Single(Refused(() => assessment.Reopen(new string('x', 301))).Errors.For(SelfAssessmentRules.ReasonField)));
        Assert.True(assessment.IsClosed); // nothing changed on a refusal

        var closed = assessment.Reopen("Le COPIL a revu le niveau 1.1");

        Assert.Equal(("Claire", Now), closed);
        Assert.Equal((AssessmentState.EnCours, null, null, 13), (assessment.State, assessment.ClosedByName, assessment.ClosedAt, assessment.Levels.Count));
        Assert.Equal(new SelfAssessmentChanged(CiteId, "2026-S1"), Assert.Single(assessment.DomainEvents));
        assessment.Agree("1.1", 3, "Revu en COPIL", "Camille", Now); // it changes again, and is closed again
        assessment.Close("Camille", Now);
        Assert.Equal(3, assessment.Levels["1.1"]);
    }

    [Fact]
    public void Ratings_AreForCollectiveAssessments_WithAGridLevel_AndTheirSpreadIsTheDissent()
    {
        var alone = Open(AssessmentMode.Coordination);
        var collective = Open();

        Assert.Contains("remplie par la coordination seule", Assert.Single(Refused(() => ConditionRating.Rate(alone, "1.1", 2, "", "u1", "Samia", null, Now)).Errors.For(SelfAssessmentRules.ModeField)), StringComparison.Ordinal);
        Assert.Single(Refused(() => ConditionRating.Rate(collective, "1.1", 0, "", "u1", "Samia", null, Now)).Errors.For(SelfAssessmentRules.LevelField));
        Assert.Single(Refused(() => ConditionRating.Rate(collective, "1.1", 2, new string('x', SelfAssessmentRules.CommentMaxLength + 1), "u1", "Samia", null, Now)).Errors.For(SelfAssessmentRules.CommentField));

        var samia = ConditionRating.Rate(collective, "1.1", 2, " Peu de COPIL ", "u1", "Samia", "Mission Locale", Now);
        var yanis = ConditionRating.Rate(collective, "1.1", 4, "", "u2", "Yanis", "CAF", Now);
        samia.Change(collective, 1, "", "Samia", "Mission Locale", Now);

        Assert.Equal((1, string.Empty), (samia.Level, samia.Comment));
        Assert.Equal((1, 4), ConditionRating.Spread([samia.Level, yanis.Level]));
        Assert.Null(ConditionRating.Spread([]));
        Assert.Equal(new ConditionRated(CiteId, "2026-S1", "1.1"), samia.DomainEvents[^1]);
    }
}
