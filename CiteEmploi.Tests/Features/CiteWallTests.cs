using System.Security.Claims;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Features;

/// <summary>The wall below the pages: access resolution, the Cité-scoped query filter, and feature services.</summary>
public sealed class CiteWallTests(WallTests2Fixture fixture) : IClassFixture<WallTests2Fixture>
{
    private static ClaimsPrincipal Person(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));

    [Fact]
    public async Task MemberOfA_GetsNoAccessToB_ExactlyAsForAnUnknownCite()
    {
        var wall = fixture.App.Get<CiteAccessService>();
        var a = await wall.ResolveAsync(Person(fixture.UserOfA), fixture.A);
        Assert.NotNull(a);
        Assert.Equal(CiteRole.Coordinateur, a.Role);
        Assert.Null(await wall.ResolveAsync(Person(fixture.UserOfA), fixture.B));
        Assert.Null(await wall.ResolveAsync(Person(fixture.UserOfA), "cite-qui-n-existe-pas"));
        Assert.Null(await wall.ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity()), fixture.A));
        var listed = await wall.ListForAsync(Person(fixture.UserOfA));
        Assert.Equal([fixture.A], listed.Select(c => c.Slug));
    }

    [Fact]
    public async Task ContextScopedToA_SeesNoRowOfB_AndAnUnscopedContextSeesNone()
    {
        var wall = fixture.App.Get<CiteAccessService>();
        var a = (await wall.ResolveAsync(Person(fixture.UserOfA), fixture.A))!;
        await using (var scoped = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(a))
        {
            var memberships = await scoped.Memberships.ToListAsync();
            Assert.NotEmpty(memberships);
            Assert.All(memberships, m => Assert.Equal(a.CiteId, m.CiteId));
        }
        await using var unscoped = await fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Empty(await unscoped.Memberships.ToListAsync());
        Assert.True(await unscoped.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == fixture.UserOfB));
    }

    [Fact]
    public async Task MemberServices_WithAnAccessToA_NeverTouchPeopleOfB()
    {
        var a = (await fixture.App.Get<CiteAccessService>().ResolveAsync(Person(fixture.UserOfA), fixture.A))!;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();

        Assert.DoesNotContain(await members.ListAsync(a), m => m.UserId == fixture.UserOfB);
        Assert.True((await members.RemoveAsync(a, fixture.UserOfB)).NotFound);
        Assert.True((await members.ChangeRoleAsync(a, fixture.UserOfB, CiteRole.Observateur)).NotFound);

        var wall = fixture.App.Get<CiteAccessService>();
        var b = await wall.ResolveAsync(Person(fixture.UserOfB), fixture.B);
        Assert.Equal(CiteRole.Coordinateur, b!.Role);
    }

    [Fact]
    public async Task ObserverAccess_IsRefusedEveryChange()
    {
        var observer = (await fixture.App.Get<CiteAccessService>().ResolveAsync(Person(fixture.ObserverOfA), fixture.A))!;
        var cites = fixture.App.Get<CiteService>();
        var before = (await cites.GetAsync(observer))!;
        Assert.True((await cites.RenameAsync(observer, "Nom pirate", before.Version)).IsForbidden);
        Assert.True((await cites.ArchiveAsync(observer)).IsForbidden);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        Assert.True((await members.InviteAsync(observer, "x@tests.invalid", CiteRole.Coordinateur)).Result.IsForbidden);
        Assert.True((await members.RemoveAsync(observer, fixture.UserOfA)).IsForbidden);
        Assert.Equal(before.Profile.Name, (await cites.GetAsync(observer))!.Profile.Name);
    }
}

public sealed class WallTests2Fixture : AppFixture
{
    public string A { get; private set; } = string.Empty;
    public string B { get; private set; } = string.Empty;
    public string UserOfA { get; private set; } = string.Empty;
    public string ObserverOfA { get; private set; } = string.Empty;
    public string UserOfB { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateCiteAsync("Cité de Roubaix");
        B = await CreateCiteAsync("Cité de Tourcoing");
        UserOfA = await CreatePersonAsync("coord.roubaix@tests.invalid", A, CiteRole.Coordinateur);
        ObserverOfA = await CreatePersonAsync("obs.roubaix@tests.invalid", A, CiteRole.Observateur);
        UserOfB = await CreatePersonAsync("coord.tourcoing@tests.invalid", B, CiteRole.Coordinateur);
    }
}
