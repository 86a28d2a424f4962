using System.Collections;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire.Near;

/// <summary>« Près de » with words: the matches read from the index as one text, and kept per copy of a Cité's table (bounded, never stale).</summary>
public sealed class NearWordsTests
{
    private static NearWordMatches Matches(long generation, params int[] places)
    {
        var bits = new BitArray(10);
        foreach (var place in places)
        {
            bits[place] = true;
        }
        return new NearWordMatches(bits, ["zeb"], generation);
    }

    [Fact]
    public void BeyondItsCapacity_TheLeastRecentlyUsedQueryIsDropped()
    {
        var cache = new NearWordsCache(2);
        cache.Add("a", Matches(1, 1));
        cache.Add("b", Matches(1, 2));
        Assert.True(cache.TryGet("a", 1, out _)); // « a » used last: « b » goes first

        cache.Add("c", Matches(1, 3));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", 1, out var a));
        Assert.True(a.Hits[1]);
        Assert.False(cache.TryGet("b", 1, out _));
        Assert.True(cache.TryGet("c", 1, out _));
    }

    [Fact]
    public void MatchesReadBeforeAChangeOfTheIndex_AreNeverReturned_AndAreDropped()
    {
        var cache = new NearWordsCache(4);
        cache.Add("a", Matches(1, 1));

        Assert.False(cache.TryGet("a", 2, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void MatchesReadBeforeAChange_NeverReplaceThoseReadAfterIt()
    {
        var cache = new NearWordsCache(4);
        cache.Add("a", Matches(2, 2));

        cache.Add("a", Matches(1, 1)); // a search begun before the change, finishing last

        Assert.True(cache.TryGet("a", 2, out var kept));
        Assert.True(kept.Hits[2]);
        Assert.False(kept.Hits[1]);
    }

    [Fact]
    public void TheKey_IsTheFoldedWordsAndTheFilterCodesInAnyOrder()
    {
        Assert.Equal(NearWordMatches.Key("Permis  Conduire", ["b", "a"]), NearWordMatches.Key("permis conduire", ["a", "b"]));
        Assert.NotEqual(NearWordMatches.Key("permis", ["a"]), NearWordMatches.Key("permis", []));
    }

    [Fact]
    public void TheIndexsNumbers_AreReadBackFromTheirText()
    {
        const long First = 3L << 32;

        Assert.Equal([First + 7], DirectorySearchIndex.ParseRows("7", First));
        Assert.Equal([First, First + 12, First + 4_294_967_295], DirectorySearchIndex.ParseRows("0,12,4294967295", First));
    }
}
