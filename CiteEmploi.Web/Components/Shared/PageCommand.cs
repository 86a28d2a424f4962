using CiteEmploi.Web.Features.Common;
using MudBlazor;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>
/// A page's command in progress and what it said: <see cref="Busy"/> while one runs (its buttons disabled), then its
/// French outcome as one message with its severity (a MudAlert under the page's title). Pages with several commands
/// (lock, unlock, erase…) share it instead of each keeping a busy flag, a message and a severity of its own.
/// </summary>
public sealed class PageCommand
{
    public bool Busy { get; private set; }

    public string? Message { get; private set; }

    public Severity Severity { get; private set; } = Severity.Success;

    public void Clear() => Message = null;

    public void Done(string message) => (Message, Severity) = (message, Severity.Success);

    public void Failed(string message) => (Message, Severity) = (message, Severity.Error);

    /// <summary>Runs <paramref name="command"/>, says <paramref name="done"/> or its French refusal, then <paramref name="reload"/>s the page.</summary>
    public async Task RunAsync(Func<Task<CommandResult>> command, string done, Func<Task> reload)
    {
        using var _ = Running();
        var result = await command();
        if (result.Succeeded)
        {
            Done(done);
        }
        else
        {
            Failed(result.Describe());
        }
        await reload();
    }

    /// <summary>Busy until the returned handle is disposed, for a command whose outcome the page words itself.</summary>
    public IDisposable Running()
    {
        Busy = true;
        return new EndRunning(this);
    }

    private sealed class EndRunning(PageCommand command) : IDisposable
    {
        public void Dispose() => command.Busy = false;
    }
}
