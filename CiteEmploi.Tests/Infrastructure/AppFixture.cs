namespace CiteEmploi.Tests.Infrastructure;

/// <summary>A running app with its own fresh database, shared by the tests of one class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public CiteEmploiApp App { get; } = new();

    public string Url(string path) => App.BaseUrl + path;

    public Task InitializeAsync()
    {
        _ = App.BaseUrl;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
