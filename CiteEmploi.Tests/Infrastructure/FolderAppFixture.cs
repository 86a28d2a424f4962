namespace CiteEmploi.Tests.Infrastructure;

/// <summary>The in-test app on a given data folder: seeds a folder that an <see cref="AppProcess"/> then starts on.</summary>
public sealed class FolderAppFixture(string folder) : AppFixture
{
    protected override CiteEmploiApp CreateApp() => new(folder);
}
