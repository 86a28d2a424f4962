namespace CiteEmploi.Web.Live;

/// <summary>The names of the live topics, in one place.</summary>
public static class LiveTopics
{
    /// <summary>The list of Cités: creations, renamings, archivings.</summary>
    public const string CiteList = "cites";

    /// <summary>One Cité's profile.</summary>
    public static string Cite(Guid citeId) => $"cite:{citeId:N}";

    /// <summary>One Cité's members and invitations.</summary>
    public static string CiteMembers(Guid citeId) => $"cite:{citeId:N}:members";

    /// <summary>One Cité's directory: structures and services created, edited, published, archived.</summary>
    public static string Directory(Guid citeId) => $"cite:{citeId:N}:annuaire";
}
