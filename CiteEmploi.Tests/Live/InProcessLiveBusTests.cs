using System.Collections.Concurrent;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Live;

public class InProcessLiveBusTests
{
    /// <summary>Upper bound for anything that should arrive; generous so a loaded CI machine does not fail the test.</summary>
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    /// <summary>How long to watch for something that must not arrive.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

    private static InProcessLiveBus NewBus(TimeSpan? window = null, ILogger<InProcessLiveBus>? logger = null) =>
        new(logger ?? NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = window ?? TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task Publish_ManyMessages_DeliversAllInPublicationOrder()
    {
        var bus = NewBus();
        var received = new BusRecorder();
        using var subscription = bus.Subscribe("t", received.Handle);

        for (var i = 0; i < 500; i++)
        {
            bus.Publish("t", i);
        }

        await received.WaitForCountAsync(500);
        Assert.Equal(Enumerable.Range(0, 500).Cast<object>(), received.All);
    }

    [Fact]
    public async Task Publish_FromSeveralThreads_KeepsEachPublishersOrder()
    {
        var bus = NewBus(TimeSpan.Zero);
        var received = new BusRecorder();
        using var subscription = bus.Subscribe("t", received.Handle);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                bus.Publish("t", (p, i));
            }
        })));

        await received.WaitForCountAsync(800);
        for (var p = 0; p < 4; p++)
        {
            var ofPublisher = received.All.Cast<(int P, int I)>().Where(m => m.P == p).Select(m => m.I);
            Assert.Equal(Enumerable.Range(0, 200), ofPublisher);
        }
    }

    [Fact]
    public async Task Publish_BurstWhileHandlerIsBusy_IsCoalescedIntoOneBatch()
    {
        var bus = NewBus(TimeSpan.Zero);
        var received = new BusRecorder();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = bus.Subscribe("t", async batch =>
        {
            await received.Handle(batch);
            if (entered.TrySetResult())
            {
                await release.Task; // a slow re-render
            }
        });

        bus.Publish("t", 0);
        await entered.Task.WaitAsync(Arrival);
        for (var i = 1; i < 100; i++)
        {
            bus.Publish("t", i);
        }
        release.SetResult();

        await received.WaitForCountAsync(100);
        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), received.All);
        Assert.Collection(received.Batches,
            first => Assert.Equal([0], first),
            second => Assert.Equal(Enumerable.Range(1, 99).Cast<object>(), second));
    }

    [Fact]
    public async Task Publish_BurstWithinCoalesceWindow_ArrivesInFewerBatchesThanMessages()
    {
        var bus = NewBus(TimeSpan.FromMilliseconds(100));
        var received = new BusRecorder();
        using var subscription = bus.Subscribe("t", async batch =>
        {
            await received.Handle(batch);
            await Task.Delay(20); // a handler slower than the publisher
        });

        for (var i = 0; i < 50; i++)
        {
            bus.Publish("t", i);
        }

        await received.WaitForCountAsync(50);
        Assert.True(received.Batches.Count < 50, $"{received.Batches.Count} lots pour 50 messages");
        Assert.Equal(Enumerable.Range(0, 50).Cast<object>(), received.All);
    }

    [Fact]
    public async Task Dispose_ThenPublish_DeliversNothingMore()
    {
        var bus = NewBus();
        var received = new BusRecorder();
        var subscription = bus.Subscribe("t", received.Handle);
        bus.Publish("t", "avant");
        await received.WaitForCountAsync(1);

        subscription.Dispose();
        bus.Publish("t", "après");

        await received.AssertNothingMoreAsync(Silence);
        Assert.Equal(["avant"], received.All);
    }

    [Fact]
    public async Task Dispose_WithMessagesStillQueued_DeliversNoneOfThem()
    {
        // A window far longer than a loaded machine can hold this thread between the publications and the disposal
        // (200 ms was once overrun at load 23), and a wait past its end, so a delivery would be seen.
        var window = TimeSpan.FromSeconds(2);
        var bus = NewBus(window);
        var received = new BusRecorder();
        var subscription = bus.Subscribe("t", received.Handle);

        bus.Publish("t", 1);
        bus.Publish("t", 2);
        subscription.Dispose(); // well inside the coalesce window: the pump has not delivered yet

        await received.AssertNothingMoreAsync(window + TimeSpan.FromMilliseconds(500));
        Assert.Empty(received.All);
    }

    [Fact]
    public async Task Dispose_DuringBurstWhileHandlerRuns_StopsDelivery()
    {
        var bus = NewBus(TimeSpan.Zero);
        var received = new BusRecorder();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = bus.Subscribe("t", async batch =>
        {
            await received.Handle(batch);
            entered.TrySetResult();
            await release.Task;
        });

        bus.Publish("t", 0);
        await entered.Task.WaitAsync(Arrival);
        for (var i = 1; i < 100; i++)
        {
            bus.Publish("t", i);
        }
        subscription.Dispose();
        release.SetResult();
        bus.Publish("t", 100);

        await received.AssertNothingMoreAsync(Silence);
        Assert.Equal([0], received.All);
    }

    [Fact]
    public async Task Dispose_FromInsideTheHandler_StopsDelivery()
    {
        var bus = NewBus(TimeSpan.Zero);
        var received = new BusRecorder();
        IDisposable? subscription = null;
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription = bus.Subscribe("t", async batch =>
        {
            await received.Handle(batch);
            subscription!.Dispose(); // a component disposed by the re-render the message caused
            disposed.TrySetResult();
        });

        bus.Publish("t", 0);
        await disposed.Task.WaitAsync(Arrival);
        bus.Publish("t", 1);

        await received.AssertNothingMoreAsync(Silence);
        Assert.Equal([0], received.All);
        Assert.Equal(0, bus.SubscriberCount("t"));
    }

    [Fact]
    public async Task Dispose_WhileHandlerRuns_EndsThePumpWithoutAnUnobservedError()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            // only this class's pumps: other tests may run in parallel
            foreach (var inner in e.Exception.Flatten().InnerExceptions)
            {
                if (inner.StackTrace?.Contains(nameof(InProcessLiveBus), StringComparison.Ordinal) == true)
                {
                    unobserved.Enqueue(inner);
                }
            }
        }
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await DisposeWhileHandlerRunsAsync();
            await Task.Delay(200); // let the pump run to its end
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Empty(unobserved);
    }

    // In its own method so that nothing on the test's stack keeps the pump's task alive for the GC.
    private static async Task DisposeWhileHandlerRunsAsync()
    {
        var bus = NewBus(TimeSpan.Zero);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = bus.Subscribe("t", async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        });
        bus.Publish("t", 0);
        await entered.Task.WaitAsync(Arrival);
        subscription.Dispose();
        release.SetResult();
    }

    [Fact]
    public async Task Handler_ThatThrows_DoesNotStopLaterDeliveries()
    {
        var logger = new ListLogger();
        var bus = NewBus(logger: logger);
        var received = new BusRecorder();
        var calls = 0;
        using var subscription = bus.Subscribe("t", async batch =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("échec volontaire");
            }
            await received.Handle(batch);
        });

        bus.Publish("t", "perdu");
        await logger.WaitForEntryAsync(Arrival);
        bus.Publish("t", "suivant");

        await received.WaitForCountAsync(1);
        Assert.Equal(["suivant"], received.All);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("t", entry.Message);
    }

    [Fact]
    public async Task Handler_ThatThrowsSynchronously_DoesNotStopLaterDeliveries()
    {
        var bus = NewBus();
        var received = new BusRecorder();
        var calls = 0;
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = bus.Subscribe("t", batch =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                failed.SetResult();
                throw new InvalidOperationException("échec volontaire, avant toute tâche");
            }
            return received.Handle(batch);
        });

        bus.Publish("t", "perdu");
        await failed.Task.WaitAsync(Arrival);
        bus.Publish("t", "suivant");

        await received.WaitForCountAsync(1);
        Assert.Equal(["suivant"], received.All);
    }

    [Fact]
    public async Task Publish_OnOneTopic_IsNotDeliveredToAnother()
    {
        var bus = NewBus();
        var onA = new BusRecorder();
        var onB = new BusRecorder();
        using var a = bus.Subscribe("cite:a", onA.Handle);
        using var b = bus.Subscribe("cite:b", onB.Handle);

        bus.Publish("cite:a", "pour A");
        bus.Publish("cite:A", "autre sujet : la casse compte");

        await onA.WaitForCountAsync(1);
        await onB.AssertNothingMoreAsync(Silence);
        Assert.Equal(["pour A"], onA.All);
        Assert.Empty(onB.All);
    }

    [Fact]
    public async Task Publish_ReachesEverySubscriberOfTheTopic_EvenWhenOneIsStuck()
    {
        var bus = NewBus();
        var stuckEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = new BusRecorder();
        using var stuck = bus.Subscribe("t", async _ =>
        {
            stuckEntered.TrySetResult();
            await release.Task;
        });
        using var fine = bus.Subscribe("t", other.Handle);

        bus.Publish("t", 1);
        await stuckEntered.Task.WaitAsync(Arrival);
        bus.Publish("t", 2);

        await other.WaitForCountAsync(2);
        Assert.Equal([1, 2], other.All);
        release.SetResult();
    }

    [Fact]
    public void Publish_WithoutSubscribers_DoesNothing()
    {
        var bus = NewBus();

        bus.Publish("personne", "message");

        Assert.Equal(0, bus.SubscriberCount("personne"));
    }

    [Fact]
    public void SubscriberCount_FallsToZeroOnceEverySubscriptionIsDisposed()
    {
        var bus = NewBus();
        var first = bus.Subscribe("t", _ => Task.CompletedTask);
        var second = bus.Subscribe("t", _ => Task.CompletedTask);
        using var elsewhere = bus.Subscribe("u", _ => Task.CompletedTask);
        Assert.Equal(2, bus.SubscriberCount("t"));

        first.Dispose();
        Assert.Equal(1, bus.SubscriberCount("t"));

        second.Dispose();
        second.Dispose(); // twice is harmless
        Assert.Equal(0, bus.SubscriberCount("t"));
        Assert.Equal(1, bus.SubscriberCount("u"));
    }

    [Fact]
    public async Task SubscribeAndDispose_FromManyThreadsAtOnce_LeavesNoSubscriber()
    {
        var bus = NewBus();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var subscription = bus.Subscribe("t", _ => Task.CompletedTask);
                bus.Publish("t", i);
            }
        })));

        Assert.Equal(0, bus.SubscriberCount("t"));
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILogger<InProcessLiveBus>
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
            _first.TrySetResult();
        }

        public Task WaitForEntryAsync(TimeSpan timeout) => _first.Task.WaitAsync(timeout);
    }
}
