namespace CiteEmploi.Tests.Live;

/// <summary>Records every batch a subscription receives and lets a test wait, bounded, for a count.</summary>
internal sealed class BusRecorder
{
    /// <summary>Upper bound for anything that should arrive; generous so a loaded CI machine does not fail a test.</summary>
    public static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<object>> _batches = [];
    private int _count;
    private TaskCompletionSource? _changed;

    public IReadOnlyList<IReadOnlyList<object>> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<object> All => [.. Batches.SelectMany(b => b)];

    public Task Handle(IReadOnlyList<object> batch)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _batches.Add([.. batch]);
            _count += batch.Count;
            changed = _changed;
            _changed = null;
        }
        changed?.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task WaitForCountAsync(int count)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_count >= count)
                {
                    return;
                }
                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                next = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                Assert.Fail($"{count} messages attendus en {Arrival.TotalSeconds} s, {_count} reçus.");
            }
        }
    }

    /// <summary>Waits a bounded time and fails if any batch arrives meanwhile.</summary>
    public async Task AssertNothingMoreAsync(TimeSpan during)
    {
        Task next;
        int before;
        lock (_gate)
        {
            before = _count;
            _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            next = _changed.Task;
        }
        var arrived = await Task.WhenAny(next, Task.Delay(during)) == next;
        Assert.False(arrived, "Un lot est arrivé alors que rien ne devait l'être.");
        lock (_gate)
        {
            Assert.Equal(before, _count);
        }
    }
}
