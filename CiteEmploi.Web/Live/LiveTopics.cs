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

    /// <summary>What every board topic starts with.</summary>
    public const string BoardPrefix = "board:";

    /// <summary>Everything stored that changes on one board (cards, columns, votes, timer, lock).</summary>
    public static string Board(Guid boardId) => $"{BoardPrefix}{boardId:N}";

    /// <summary>What only lives in memory on one board: who is there, who edits which card, « Suivez-moi ».</summary>
    public static string BoardPresence(Guid boardId) => $"{BoardPrefix}{boardId:N}:presence";

    /// <summary>One Cité's list of boards (creations, titles, card counts).</summary>
    public static string CiteBoards(Guid citeId) => $"cite:{citeId:N}:boards";

    /// <summary>Everything stored that changes on one feuille de route (the plan and its actions).</summary>
    public static string Plan(Guid planId) => $"plan:{planId:N}";

    /// <summary>What only lives in memory on one feuille de route: who is on its pages, whose form is open on which action.</summary>
    public static string PlanPresence(Guid planId) => $"plan:{planId:N}:presence";

    /// <summary>One Cité's list of feuilles de route (creations, titles, states).</summary>
    public static string CitePlans(Guid citeId) => $"cite:{citeId:N}:plans";

    /// <summary>Everything stored that changes on one meeting (its details, its agenda, the item it is on).</summary>
    public static string Session(Guid sessionId) => $"session:{sessionId:N}";

    /// <summary>One Cité's list of meetings (creations, titles, dates, states).</summary>
    public static string CiteSessions(Guid citeId) => $"cite:{citeId:N}:sessions";

    /// <summary>One Cité's shared diagnostic: how its coverage is counted, the gaps marked.</summary>
    public static string Diagnostic(Guid citeId) => $"cite:{citeId:N}:diagnostic";

    /// <summary>One Cité's indicators: values typed, periods locked, local indicators defined.</summary>
    public static string Indicators(Guid citeId) => $"cite:{citeId:N}:indicateurs";

    /// <summary>One Cité's self-assessments: opened, levels agreed, ratings, closed.</summary>
    public static string SelfAssessment(Guid citeId) => $"cite:{citeId:N}:auto-evaluation";

    /// <summary>One Cité's referrals (« orientations »): recorded, deleted.</summary>
    public static string Referrals(Guid citeId) => $"cite:{citeId:N}:orientations";

    /// <summary>One account's sessions: what ends the live connections opened in its name (sign-out).</summary>
    public static string Account(string userId) => $"account:{userId}";
}
