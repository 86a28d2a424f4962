using Bunit;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>
/// « Nouvelle feuille de route »: what cannot be read is refused by the form, the rest by the domain (the real
/// <see cref="Plan.Create"/> stands behind the form here), and each French message sits beside its field.
/// </summary>
public sealed class PlanCreateFormTests : MudTestContext
{
    private readonly List<(string Title, int Start, int End, decimal Envelope)> _calls = [];

    private Task<CommandResult> CreateWithTheDomain(string title, int start, int end, decimal envelope)
    {
        _calls.Add((title, start, end, envelope));
        try
        {
            var plan = Plan.Create(Guid.NewGuid(), title, start, end, envelope, new PlanActor(null, "Test"), DateTimeOffset.UnixEpoch);
            return Task.FromResult(CommandResult.Ok(plan.Id.ToString()));
        }
        catch (DomainValidationException ex)
        {
            return Task.FromResult(CommandResult.Invalid(ex.Errors));
        }
    }

    private IRenderedComponent<PlanCreateForm> RenderForm(Action<Guid>? created = null) =>
        Render<PlanCreateForm>(p => p
            .Add(f => f.Create, CreateWithTheDomain)
            .Add(f => f.DefaultStartYear, 2026)
            .Add(f => f.Created, id => created?.Invoke(id)));

    private static void Type(IRenderedComponent<PlanCreateForm> cut, string id, string value) => cut.Find($"input#{id}").Change(value);

    [Fact]
    public void YearsInTheWrongOrder_TheDomainsMessageIsBesideTheEndYear_AndNothingElseIsFlagged()
    {
        var cut = RenderForm();
        Type(cut, "plan-StartYear", "2027");
        Type(cut, "plan-EndYear", "2025");
        cut.Find("form").Submit();

        Assert.Single(_calls);
        Assert.Equal("La période finit avant de commencer (2027 → 2025).", cut.Find("#plan-EndYear-error").TextContent.Trim());
        Assert.Equal("true", cut.Find("input#plan-EndYear").GetAttribute("aria-invalid"));
        Assert.Empty(cut.FindAll("#plan-StartYear-error"));
        Assert.Empty(cut.FindAll("#plan-Envelope-error"));
        Assert.Empty(cut.FindAll("#plan-Title-error"));
    }

    [Theory]
    [InlineData("-5 000", "Le montant de l'enveloppe ne peut pas être négatif")]
    [InlineData("100 000,555", "deux décimales au plus")]
    public void ABadEnvelope_IsRefusedBesideTheEnvelope(string typed, string expected)
    {
        var cut = RenderForm();
        Type(cut, "plan-Envelope", typed);
        cut.Find("form").Submit();

        Assert.Contains(expected, cut.Find("#plan-Envelope-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#plan-EndYear-error"));
    }

    [Fact]
    public void WhatCannotBeRead_IsRefusedByTheForm_WithoutCallingTheService()
    {
        var cut = RenderForm();
        Type(cut, "plan-StartYear", "deux mille");
        Type(cut, "plan-Envelope", "cent mille");
        cut.Find("form").Submit();

        Assert.Empty(_calls);
        Assert.Equal("L'année de début s'écrit en chiffres (ex. : 2026).", cut.Find("#plan-StartYear-error").TextContent.Trim());
        Assert.Equal("L'enveloppe doit être un montant en euros (ex. : 12 500,00).", cut.Find("#plan-Envelope-error").TextContent.Trim());
    }

    [Fact]
    public void AGoodPlan_ReadsFrenchAmounts_AndReportsTheNewId()
    {
        Guid? created = null;
        var cut = RenderForm(id => created = id);
        Type(cut, "plan-Title", "Feuille de route 2026-2028");
        Type(cut, "plan-Envelope", "100 000,50 €");
        cut.Find("form").Submit();

        var call = Assert.Single(_calls);
        Assert.Equal(("Feuille de route 2026-2028", 2026, 2028, 100_000.50m), call);
        Assert.NotNull(created);
        Assert.Empty(cut.FindAll(".field-error, [id$='-error']"));
    }
}
