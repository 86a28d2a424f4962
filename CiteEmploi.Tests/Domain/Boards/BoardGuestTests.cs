using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;
using static CiteEmploi.Tests.Domain.Boards.BoardTests;

namespace CiteEmploi.Tests.Domain.Boards;

public class BoardGuestTests
{
    private static readonly string Hash = new('a', BoardGuest.SecretHashLength);

    private static BoardGuestCode Opened(Board? board = null, TimeSpan? duration = null) =>
        BoardGuestCode.Open(board ?? DiagnosticBoard(), BoardGuestCode.NewCode(), duration ?? BoardGuestCode.DefaultDuration, Facilitator, Now);

    [Fact]
    public void NewCode_IsSixCharactersOfTheUnambiguousAlphabet_AndCodesDiffer()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => BoardGuestCode.NewCode()).ToList();

        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{6}$", c));
        Assert.All(codes, c => Assert.DoesNotContain(c, ch => "01ILO".Contains(ch)));
        Assert.True(codes.Distinct().Count() > 190, "200 codes tirés au hasard devraient presque tous différer");
    }

    [Theory]
    [InlineData("k7p-4xm", "K7P4XM")]
    [InlineData(" K7P 4XM ", "K7P4XM")]
    [InlineData("K7P4X", null)]
    [InlineData("K7P4XMM", null)]
    [InlineData("K7P4X0", null)]
    [InlineData("<scrip", null)]
    [InlineData("", null)]
    public void Normalize_ToleratesCaseSpacesAndDashes_RejectsWhatCannotBeACode(string typed, string? expected) =>
        Assert.Equal(expected, BoardGuestCode.Normalize(typed));

    [Fact]
    public void Open_ByTheFacilitator_ExpiresAfterTheChosenDuration_AndRaisesGuestAccessOpened()
    {
        var board = DiagnosticBoard();
        var code = Opened(board, TimeSpan.FromHours(2));

        Assert.Equal(Now.AddHours(2), code.ExpiresAt);
        Assert.True(code.IsOpenAt(Now.AddHours(2).AddSeconds(-1)));
        Assert.False(code.IsOpenAt(Now.AddHours(2)));
        Assert.Equal(new GuestAccessOpened(CiteId, board.Id, Now.AddHours(2)), Assert.Single(code.DomainEvents));
        Assert.Equal(TimeSpan.FromHours(4), BoardGuestCode.DefaultDuration);
    }

    [Fact]
    public void Open_IsRefused_ToAPartner_AndForADurationOutOfBounds()
    {
        var board = DiagnosticBoard();
        Assert.Throws<DomainValidationException>(() => BoardGuestCode.Open(board, BoardGuestCode.NewCode(), TimeSpan.FromHours(1), Partner, Now));
        Assert.Throws<DomainValidationException>(() => Opened(board, TimeSpan.FromMinutes(5)));
        Assert.Throws<DomainValidationException>(() => Opened(board, TimeSpan.FromHours(13)));
    }

    [Fact]
    public void Close_EndsTheCode_OnceOnly()
    {
        var code = Opened();
        code.ClearDomainEvents();

        code.Close(Facilitator, Now.AddMinutes(10));
        code.Close(Facilitator, Now.AddMinutes(20));

        Assert.False(code.IsOpenAt(Now.AddMinutes(11)));
        Assert.Equal(Now.AddMinutes(10), code.ClosedAt);
        Assert.IsType<GuestAccessClosed>(Assert.Single(code.DomainEvents));
        Assert.Throws<DomainValidationException>(() => Opened().Close(Partner, Now));
    }

    [Fact]
    public void Join_GivesAGuestOfThatBoard_NeverAFacilitator()
    {
        var board = DiagnosticBoard();
        var code = Opened(board);

        var guest = code.Join("  Nadia   B. ", Hash, Now.AddMinutes(1));

        Assert.Equal("Nadia B.", guest.DisplayName);
        Assert.Equal(board.Id, guest.BoardId);
        Assert.Equal(CiteId, guest.CiteId);
        Assert.Equal(code.Id, guest.CodeId);
        Assert.StartsWith(BoardGuest.KeyPrefix, guest.Actor.Key);
        Assert.False(guest.Actor.IsFacilitator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Un nom beaucoup trop long pour tenir sur un écran")]
    public void Join_RefusesAMissingOrTooLongName_BesideTheNameField(string name)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Opened().Join(name, Hash, Now));

        Assert.NotEmpty(refused.Errors.For(BoardGuest.NameField));
    }

    [Fact]
    public void Join_AcceptsFortyCharacters()
    {
        var guest = Opened().Join(new string('é', 40), Hash, Now);
        Assert.Equal(40, guest.DisplayName.Length);
    }

    [Fact]
    public void Join_AnExpiredOrClosedCode_IsRefusedWithTheSameMessage()
    {
        var expired = Assert.Throws<DomainValidationException>(() => Opened().Join("Nadia", Hash, Now.AddHours(5)));
        var closedCode = Opened();
        closedCode.Close(Facilitator, Now);
        var closed = Assert.Throws<DomainValidationException>(() => closedCode.Join("Nadia", Hash, Now.AddMinutes(1)));

        Assert.Equal([BoardGuest.CodeRefused], expired.Errors.For(BoardGuest.CodeField));
        Assert.Equal([BoardGuest.CodeRefused], closed.Errors.For(BoardGuest.CodeField));
    }
}
