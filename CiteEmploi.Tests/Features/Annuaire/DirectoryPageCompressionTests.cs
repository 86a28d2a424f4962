using CiteEmploi.Web.Features.Annuaire;
using Microsoft.AspNetCore.Http;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>Only the directory's search and service pages are compressed.</summary>
public class DirectoryPageCompressionTests
{
    [Theory]
    [InlineData("/c/demo/annuaire", true)]
    [InlineData("/c/demo/annuaire/", true)]
    [InlineData("/c/demo/annuaire/services/3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("/c/demo/annuaire/structures", false)]
    [InlineData("/c/demo/annuaire/import", false)]
    [InlineData("/c/demo/annuaire/services/3f2504e0-4f89-11d3-9a0c-0305e82c3301/modifier", false)]
    [InlineData("/c/demo", false)]
    [InlineData("/api/cites/demo/services", false)]
    [InlineData("/", false)]
    public void IsDirectoryPage(string path, bool expected) =>
        Assert.Equal(expected, DirectoryPageCompression.IsDirectoryPage(new PathString(path)));
}
