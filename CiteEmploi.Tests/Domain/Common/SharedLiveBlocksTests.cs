using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain.Common;

/// <summary>The pieces boards lend to the action plan and the agendas: countdowns, access codes, field merges.</summary>
public sealed class SharedLiveBlocksTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromHours(4);

    [Fact]
    public void Countdown_IsReadFromTheServersClock_PausesKeepWhatIsLeft_AndAddedTimeExtendsIt()
    {
        var started = Countdown.Start(TimeSpan.FromMinutes(5), freezesWhenOver: true, Noon, Max);
        Assert.Equal((CountdownState.Running, TimeSpan.FromMinutes(3)), (started.At(Noon.AddMinutes(2)).State, started.At(Noon.AddMinutes(2)).Remaining));

        var paused = started.Pause(Noon.AddMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(3), paused.At(Noon.AddHours(1)).Remaining); // a pause does not tick

        var resumed = paused.Resume(Noon.AddMinutes(10)).AddTime(TimeSpan.FromMinutes(1), Noon.AddMinutes(10), Max);
        Assert.Equal(Noon.AddMinutes(14), resumed.EndsAt);
        Assert.Equal(TimeSpan.FromMinutes(6), resumed.Duration);
        Assert.Equal(CountdownState.Ended, resumed.At(Noon.AddMinutes(14)).State);
        Assert.True(resumed.At(Noon.AddMinutes(14)).FreezesWhenOver);
    }

    [Fact]
    public void Countdown_RefusesInFrench_WhatCannotBeDone()
    {
        Assert.Contains("rien à mettre en pause", Assert.Throws<DomainValidationException>(() => Countdown.None.Pause(Noon)).Errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("pas en pause", Assert.Throws<DomainValidationException>(() => Countdown.Start(TimeSpan.FromMinutes(1), false, Noon, Max).Resume(Noon)).Errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("lancez-en un", Assert.Throws<DomainValidationException>(() => Countdown.None.AddTime(TimeSpan.FromMinutes(1), Noon, Max)).Errors.ToString(), StringComparison.Ordinal);
        Assert.Throws<DomainValidationException>(() => Countdown.Start(TimeSpan.FromHours(5), false, Noon, Max));
    }

    [Fact]
    public void AccessCodes_AvoidLookalikes_AndAreReadBackFromWhatPeopleType()
    {
        var code = AccessCode.New(6);

        Assert.Equal(6, code.Length);
        Assert.DoesNotContain(code, c => "0O1IL".Contains(c));
        Assert.Equal(code, AccessCode.Normalize($" {code[..3].ToLowerInvariant()}-{code[3..]} ", 6));
        Assert.Null(AccessCode.Normalize("ABC-D0E", 6));
        Assert.Null(AccessCode.Normalize(code, 7));
    }

    [Fact]
    public void FieldMerge_TakesEachSidesChanges_AndNamesTheFieldsBothChangedDifferently()
    {
        var merge = new FieldMerge();

        Assert.Equal("theirs", merge.Field("a", current: "theirs", basis: "start", yours: "start"));
        Assert.Equal("mine", merge.Field("b", current: "start", basis: "start", yours: "mine"));
        Assert.Equal("same", merge.Field("c", current: "same", basis: "start", yours: "same"));
        Assert.Equal("theirs", merge.Field("d", current: "theirs", basis: "start", yours: "mine"));

        Assert.Equal(["d"], merge.Conflicts);
    }
}
