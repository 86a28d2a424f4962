using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Components.Pages.Annuaire;
using CiteEmploi.Web.Features.Annuaire;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.Annuaire;

/// <summary>One search result as a field worker reads it on a phone: what, who, which barriers, how to call, how fresh.</summary>
public sealed class ServiceCardTests : MudTestContext
{
    private static readonly DateTimeOffset Created = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));

    private static DirectoryResult Result()
    {
        var structure = Structure.Create(Guid.NewGuid(), new StructureDetails
        {
            Name = "Auto-école sociale du Mont",
            Phone = "03 84 54 24 24",
            Address = new PostalAddress { Street = "2 rue des Forges", Postcode = "90000", Commune = "Belfort" },
        }, Created);
        var service = Service.Create(structure, new ServiceDetails
        {
            Name = "Permis accompagné",
            Description = "Des leçons de conduite à petit prix.",
            Thematiques = ["mobilite--preparer-un-permis"],
            ModesMobilisation = ["envoyer-un-courriel"],
            Contact = new ServiceContact(null, null, "permis@auto-ecole.invalid"),
        }, Created);
        return new DirectoryResult(new ServiceView(service, structure, false), "<mark>Permis</mark> accompagné", "Des leçons de <mark>conduite</mark> à petit prix.");
    }

    [Fact]
    public void TheCard_ShowsTheService_ItsBarriers_TheWaysToContact_AndAFrenchDate_FlaggedWhenOld()
    {
        Services.AddSingleton<TimeProvider>(new FixedTime(Created.AddMonths(Service.StaleAfterMonths + 1)));
        var result = Result();

        var cut = Render<ServiceCard>(p => p.Add(c => c.Slug, "demo").Add(c => c.Result, result));

        var heading = cut.Find("h2");
        Assert.Equal("Permis accompagné", heading.TextContent.Trim());
        Assert.Equal("Permis", heading.QuerySelector("mark")!.TextContent);
        Assert.Equal($"/c/demo/annuaire/services/{result.View.Service.Id}", heading.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(heading.Id, cut.Find("article").GetAttribute("aria-labelledby"));
        Assert.Equal("Auto-école sociale du Mont", cut.Find(".structure-name").TextContent.Trim());
        Assert.Contains("Mobilité", cut.Find("[role=list][aria-label=Freins]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 rue des Forges, 90000 Belfort", cut.Markup, StringComparison.Ordinal);

        var links = cut.FindAll(".contact-links a");
        Assert.Contains(links, a => a.GetAttribute("href") == "tel:0384542424" && a.TextContent.Contains("Appeler le 03 84 54 24 24", StringComparison.Ordinal));
        Assert.Contains(links, a => a.GetAttribute("href") == "mailto:permis@auto-ecole.invalid");
        var orient = cut.FindAll("a").Single(a => a.TextContent.Contains("Orienter", StringComparison.Ordinal));
        Assert.EndsWith("#orienter", orient.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("vers Permis accompagné", orient.TextContent, StringComparison.Ordinal);

        Assert.Contains("Pour orienter : envoyer un courriel", cut.Find(".referral-modes").TextContent, StringComparison.Ordinal);
        Assert.Contains("Mis à jour le 3 mars 2025", cut.Find(".freshness").TextContent, StringComparison.Ordinal);
        Assert.Contains("À vérifier", cut.Find(".freshness").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecentService_IsNotFlagged()
    {
        Services.AddSingleton<TimeProvider>(new FixedTime(Created.AddDays(10)));

        var cut = Render<ServiceCard>(p => p.Add(c => c.Slug, "demo").Add(c => c.Result, Result()));

        Assert.DoesNotContain("À vérifier", cut.Find(".freshness").TextContent, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
