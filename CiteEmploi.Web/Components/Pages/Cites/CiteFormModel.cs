using System.Globalization;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Theme;

namespace CiteEmploi.Web.Components.Pages.Cites;

/// <summary>
/// What the Cité form holds while a person types: numbers stay text until submitted, so a typo gets a French
/// message beside its field instead of being silently dropped by the browser.
/// </summary>
public sealed class CiteFormModel
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public string Name { get; set; } = string.Empty;
    public string Slug { get; set; } = string.Empty;
    public PerimeterType PerimeterType { get; set; } = PerimeterType.Commune;
    public string TerritoryName { get; set; } = string.Empty;
    public List<QpvRow> Qpvs { get; set; } = [];
    public string BudgetYear { get; set; } = string.Empty;
    public string BudgetAmount { get; set; } = string.Empty;
    public List<CoFunderRow> CoFunders { get; set; } = [];
    public string CoordinatorName { get; set; } = string.Empty;
    public string CoordinatorEmail { get; set; } = string.Empty;
    public string CoordinatorPhone { get; set; } = string.Empty;

    public static CiteFormModel From(CiteProfile profile, string slug = "") => new()
    {
        Name = profile.Name,
        Slug = slug,
        PerimeterType = profile.PerimeterType,
        TerritoryName = profile.TerritoryName,
        Qpvs = [.. profile.Qpvs.Select(q => new QpvRow { Code = q.Code, Name = q.Name })],
        BudgetYear = profile.BudgetYear == 0 ? string.Empty : profile.BudgetYear.ToString(CultureInfo.InvariantCulture),
        BudgetAmount = profile.BudgetAmount.ToString("#,0.##", French),
        CoFunders = [.. profile.CoFunders.Select(c => new CoFunderRow { Name = c.Name, Amount = c.Amount.ToString("#,0.##", French) })],
        CoordinatorName = profile.Coordinator?.Name ?? string.Empty,
        CoordinatorEmail = profile.Coordinator?.Email ?? string.Empty,
        CoordinatorPhone = profile.Coordinator?.Phone ?? string.Empty,
    };

    /// <summary>Turns the typed text into a profile; unreadable numbers are reported in <paramref name="errors"/>.</summary>
    public CiteProfile ToProfile(ValidationErrors errors)
    {
        var year = 0;
        if (!int.TryParse(BudgetYear.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out year))
        {
            errors.Add(nameof(BudgetYear), "Année invalide : saisissez une année sur 4 chiffres (ex. : 2026).");
        }
        var amount = ParseAmount(BudgetAmount, nameof(BudgetAmount), "le budget", errors);
        var coFunders = CoFunders
            .Where(c => !string.IsNullOrWhiteSpace(c.Name) || !string.IsNullOrWhiteSpace(c.Amount))
            .Select(c => new CoFunder(c.Name, ParseAmount(c.Amount, nameof(CoFunders), $"« {c.Name} »", errors)))
            .ToList();
        return new CiteProfile
        {
            Name = Name,
            PerimeterType = PerimeterType,
            TerritoryName = TerritoryName,
            Qpvs = [.. Qpvs.Where(q => !string.IsNullOrWhiteSpace(q.Code) || !string.IsNullOrWhiteSpace(q.Name)).Select(q => new Qpv(q.Code, q.Name))],
            BudgetYear = year,
            BudgetAmount = amount,
            CoFunders = coFunders,
            Coordinator = new CoordinatorContact(CoordinatorName, CoordinatorEmail, CoordinatorPhone),
        };
    }

    private static decimal ParseAmount(string text, string field, string what, ValidationErrors errors)
    {
        if (FrenchCulture.TryReadAmount(text, out var amount))
        {
            return amount;
        }
        errors.Add(field, $"Montant invalide pour {what} : saisissez un nombre en euros (ex. : 100 000).");
        return 0;
    }

    public sealed class QpvRow
    {
        public string Code { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
    }

    public sealed class CoFunderRow
    {
        public string Name { get; set; } = string.Empty;
        public string Amount { get; set; } = string.Empty;
    }
}
