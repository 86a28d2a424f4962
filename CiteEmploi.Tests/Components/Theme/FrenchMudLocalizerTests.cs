using System.Collections;
using System.Globalization;
using System.Resources;
using CiteEmploi.Web.Components.Theme;

namespace CiteEmploi.Tests.Components.Theme;

public sealed class FrenchMudLocalizerTests
{
    private static IEnumerable<string> MudBlazorKeys()
    {
        var assembly = typeof(MudBlazor.MudButton).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var reader = new ResourceReader(assembly.GetManifestResourceStream(name)!);
        foreach (DictionaryEntry entry in reader)
        {
            yield return (string)entry.Key;
        }
    }

    [Fact]
    public void EveryTextOfMudBlazor_HasAFrenchTranslation()
    {
        var missing = MudBlazorKeys().Where(key => !FrenchMudLocalizer.Texts.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Textes de MudBlazor sans traduction : " + string.Join(", ", missing));
    }

    [Fact]
    public void Localizer_AnswersInFrench_WithItsArgumentsInFrenchFormat()
    {
        var localizer = new FrenchMudLocalizer();
        Assert.Equal("Champ obligatoire", localizer["MudFormComponent_Required"].Value);
        Assert.Equal("1–10 sur 1 234", localizer["MudDataGridPager_InfoFormat", 1, 10, 1234].Value.Replace('\u202f', ' ').Replace('\u00a0', ' '));
    }

    [Fact]
    public void FrenchCulture_FormatsNumbersTheFrenchWay_WhateverTheServersLocale()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal("100 000", 100_000.ToString("N0", FrenchCulture.Culture).Replace('\u202f', ' ').Replace('\u00a0', ' '));
            Assert.Equal("fr-FR", FrenchCulture.RequestLocalization.DefaultRequestCulture.Culture.Name);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
