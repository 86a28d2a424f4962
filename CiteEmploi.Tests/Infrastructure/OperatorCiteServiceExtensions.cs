using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>Tests of <see cref="CiteService"/> act as the server operator on a Cité given by its slug.</summary>
public static class OperatorCiteServiceExtensions
{
    public static async Task<CommandResult> RenameAsync(this CiteService service, string slug, string name, int version) =>
        await service.OperatorAccessAsync(slug) is { } access ? await service.RenameAsync(access, name, version) : CommandResult.Missing();

    public static async Task<CommandResult> UpdateProfileAsync(this CiteService service, string slug, CiteProfile profile, int version) =>
        await service.OperatorAccessAsync(slug) is { } access ? await service.UpdateProfileAsync(access, profile, version) : CommandResult.Missing();

    public static async Task<CommandResult> ArchiveAsync(this CiteService service, string slug) =>
        await service.OperatorAccessAsync(slug) is { } access ? await service.ArchiveAsync(access) : CommandResult.Missing();

    public static async Task<CommandResult> RestoreAsync(this CiteService service, string slug) =>
        await service.OperatorAccessAsync(slug) is { } access ? await service.RestoreAsync(access) : CommandResult.Missing();
}
