using CiteEmploi.Web.Components.Account.Pages;

namespace CiteEmploi.Tests.Components.Account;

/// <summary>Where a person lands after signing in.</summary>
public sealed class LoginLandingTests
{
    [Theory]
    [InlineData(null, new string[0], "/")]
    [InlineData(null, new[] { "annecy" }, "/c/annecy")]
    [InlineData("/", new[] { "annecy" }, "/c/annecy")]
    [InlineData("", new[] { "annecy" }, "/c/annecy")]
    [InlineData(null, new[] { "annecy", "besancon" }, "/")]
    [InlineData("/compte", new[] { "annecy" }, "/compte")]
    [InlineData("/c/besancon/membres", new[] { "annecy" }, "/c/besancon/membres")]
    [InlineData("//ailleurs.invalid/", new[] { "annecy" }, "/c/annecy")]
    [InlineData("https://ailleurs.invalid/", new string[0], "/")]
    public void ExplicitReturnWins_ThenTheOnlyCite_ThenTheList(string? returnUrl, string[] cites, string expected) =>
        Assert.Equal(expected, Login.Landing(returnUrl, cites));
}
