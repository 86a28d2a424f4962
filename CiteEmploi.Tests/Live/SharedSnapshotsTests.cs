using CiteEmploi.Web.Live;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// The shared copy's readers: one read per change, and those who asked meanwhile all released when it ends — not one
/// after the other, each waiting for the one before to run on its circuit (plan-pages, docs/benchmarks.md).
/// </summary>
public sealed class SharedSnapshotsTests
{
    private sealed record Copy(int Number);

    /// <summary>A circuit too busy to run anything (what a loaded machine makes of one for a while): nothing posted to it runs.</summary>
    private sealed class BusyCircuit : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }

    private static Task<Copy?> AskOn(SynchronizationContext context, Func<Task<Copy?>> ask)
    {
        var before = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return ask();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(before);
        }
    }

    [Fact]
    public async Task ThoseWhoAskedDuringARead_AllGetItsCopy_EvenWhenOneOfThemCannotRunYet()
    {
        using var snapshots = new SharedSnapshots<Copy>(TimeProvider.System, bus: null, (_, _) => null);
        var citeId = Guid.NewGuid();
        var id = Guid.NewGuid();
        var read = new TaskCompletionSource<Copy?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = snapshots.GetAsync(citeId, id, _ => read.Task, CancellationToken.None);

        // asked while the read runs: the first from a circuit that cannot run now, the others from anywhere
        var busy = AskOn(new BusyCircuit(), () => snapshots.GetAsync(citeId, id, _ => throw new InvalidOperationException("a second read"), CancellationToken.None));
        var others = Enumerable.Range(0, 19).Select(_ => snapshots.GetAsync(citeId, id, _ => throw new InvalidOperationException("a second read"), CancellationToken.None)).ToList();
        var copy = new Copy(1);
        read.SetResult(copy);

        // with a gate passed from one to the next, the busy circuit held everyone behind it until it ran
        var got = await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(got, c => Assert.Same(copy, c));
        Assert.Same(copy, await reader);
        Assert.Equal(1, snapshots.Loads);
        Assert.False(busy.IsCompleted); // it gets the copy when its circuit runs again
    }

    [Fact]
    public async Task AReadBegunBeforeAChange_DoesNotServeThoseWhoAskAfterIt()
    {
        using var snapshots = new SharedSnapshots<Copy>(TimeProvider.System, bus: null, (_, _) => null);
        var citeId = Guid.NewGuid();
        var id = Guid.NewGuid();
        var first = new TaskCompletionSource<Copy?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = snapshots.GetAsync(citeId, id, _ => first.Task, CancellationToken.None);

        snapshots.Changed(id); // committed while the first read runs
        var after = snapshots.GetAsync(citeId, id, _ => Task.FromResult<Copy?>(new Copy(2)), CancellationToken.None);
        first.SetResult(new Copy(1));

        Assert.Equal(2, (await after)!.Number);
        Assert.Equal(1, (await before)!.Number);
        Assert.Equal(2, snapshots.Loads);
        // the newer copy is the one kept
        Assert.Equal(2, (await snapshots.GetAsync(citeId, id, _ => throw new InvalidOperationException("a third read"), CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task AReadThatFails_LeavesThoseWhoWaitedToReadForThemselves()
    {
        using var snapshots = new SharedSnapshots<Copy>(TimeProvider.System, bus: null, (_, _) => null);
        var citeId = Guid.NewGuid();
        var id = Guid.NewGuid();
        var failing = new TaskCompletionSource<Copy?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = snapshots.GetAsync(citeId, id, _ => failing.Task, CancellationToken.None);
        var waiter = snapshots.GetAsync(citeId, id, _ => Task.FromResult<Copy?>(new Copy(3)), CancellationToken.None);

        failing.SetException(new TimeoutException("base occupée"));

        await Assert.ThrowsAsync<TimeoutException>(() => reader);
        Assert.Equal(3, (await waiter)!.Number);
    }
}
