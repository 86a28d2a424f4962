using Bunit;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Security;
using Xunit.Abstractions;

namespace CiteEmploi.Tests.Components.Shared;

/// <summary>The security log: French labels and dates, a label per cell for the stacked layout on phones.</summary>
public sealed class SecurityLogTableTests(ITestOutputHelper output) : MudTestContext
{
    [Fact]
    public void Events_AreListedWithFrenchDatesAndLabels()
    {
        var at = new DateTimeOffset(2026, 12, 6, 13, 5, 3, TimeSpan.Zero);
        var events = new List<SecurityEvent>
        {
            NewEvent(SecurityEventKind.InvitationAccepted, at, "samia@mission-locale.invalid", "Invitation acceptée dans « Cité d'Annecy ».", "203.0.113.9"),
            NewEvent(SecurityEventKind.SignInFailed, at.AddDays(-40), null, "Échec de connexion.", null),
        };

        var cut = Render<SecurityLogTable>(p => p.Add(t => t.Events, events));
        output.WriteLine(cut.Markup);

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains(SecurityLogTable.When(at), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("déc. 2026 à", SecurityLogTable.When(at), StringComparison.Ordinal);
        Assert.Matches(@"^\d{1,2} déc\. 2026 à \d{2}:\d{2}:03$", SecurityLogTable.When(at));
        Assert.Contains("oct. 2026", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Invitation acceptée", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Échec de connexion", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("—", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(at.ToString("o", System.Globalization.CultureInfo.InvariantCulture), cut.Find("tbody tr time").GetAttribute("datetime"));
        // stacked on phones: every cell says what it is
        Assert.Equal(new[] { "Quand", "Événement", "Compte", "Détail", "Adresse" }, rows[0].QuerySelectorAll("td").Select(td => td.GetAttribute("data-label") ?? string.Empty).ToArray());
    }

    [Fact]
    public void NoEvent_SaysSo()
    {
        var cut = Render<SecurityLogTable>(p => p.Add(t => t.Events, []));
        Assert.Contains("Aucun événement enregistré.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void EveryKind_HasAFrenchLabel()
    {
        foreach (var kind in Enum.GetValues<SecurityEventKind>())
        {
            Assert.NotEqual(kind.ToString(), SecurityLogTable.Label(kind));
        }
    }

    private static SecurityEvent NewEvent(SecurityEventKind kind, DateTimeOffset at, string? email, string detail, string? ip) =>
        new() { Kind = kind, At = at, Email = email, Detail = detail, IpAddress = ip };
}
