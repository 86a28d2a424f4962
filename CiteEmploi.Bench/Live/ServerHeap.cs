using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// The managed heap of another .NET process after a full blocking GC that this class makes it run: an EventPipe
/// session (the runtime's diagnostic socket, as <c>dotnet-gcdump</c> uses) enabling the runtime provider's
/// <c>GCHeapCollect</c> keyword induces a gen-2 collection, whose <c>GCHeapStats</c> event carries the bytes that
/// survived it. Unlike the working set, that figure does not depend on when the GC last ran nor on how much memory it
/// kept committed, so differences between two steps are the memory that is really held.
/// </summary>
public static class ServerHeap
{
    /// <param name="LiveBytes">bytes that survived the full GC, all generations and the large/pinned object heaps.</param>
    /// <param name="HeapBytes">the heap's size after that GC (live bytes plus fragmentation).</param>
    /// <param name="GcIndex">the collection's number, to tell that a new one ran.</param>
    public sealed record Figure(long LiveBytes, long HeapBytes, long GcIndex);

    public static async Task<Figure> CollectAsync(int processId, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)],
            requestRundown: false, circularBufferMB: 16);
        using var source = new EventPipeEventSource(session.EventStream);
        var result = new TaskCompletionSource<Figure>(TaskCreationOptions.RunContinuationsAsynchronously);
        long fullGc = -1;
        source.Clr.GCStart += e =>
        {
            if (e.Depth == 2)
            {
                fullGc = e.Count;
            }
        };
        source.Clr.GCHeapStats += e =>
        {
            if (fullGc >= 0)
            {
                var live = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4;
                result.TrySetResult(new Figure(live, e.TotalHeapSize, fullGc));
            }
        };
        var processing = Task.Run(source.Process);
        try
        {
            return await result.Task.WaitAsync(timeout);
        }
        finally
        {
            try
            {
                await session.StopAsync(CancellationToken.None);
                await processing.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is ServerNotAvailableException or TimeoutException or EndOfStreamException or IOException)
            {
                // the figure is taken (or the wait failed already): a session that ends untidily changes nothing
            }
        }
    }
}
