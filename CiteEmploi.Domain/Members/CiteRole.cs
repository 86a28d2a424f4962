namespace CiteEmploi.Domain.Members;

/// <summary>A person's role in one Cité; the same person may have another role in another Cité.</summary>
public enum CiteRole
{
    Coordinateur,
    Copilote,
    Partenaire,
    Observateur,
}

/// <summary>What a role allows inside its Cité. One table, read by every page, service and hub.</summary>
public enum CitePermission
{
    /// <summary>Read the Cité's content (profile, directory, boards, roadmap).</summary>
    Read,

    /// <summary>Edit the Cité's profile and archive it.</summary>
    EditProfile,

    /// <summary>Invite and remove members, change roles.</summary>
    ManageMembers,

    /// <summary>See the Cité's security log.</summary>
    ViewSecurityLog,

    /// <summary>Validate the roadmap and the budget (steering committee).</summary>
    Validate,

    /// <summary>Contribute to boards and actions they take part in.</summary>
    Contribute,

    /// <summary>Edit their own structure's entry and services.</summary>
    EditOwnStructure,

    /// <summary>Edit every piece of content of the Cité.</summary>
    EditAllContent,

    /// <summary>Run sessions and workshops.</summary>
    RunSessions,
}

public static class CiteRoles
{
    private static readonly Dictionary<CiteRole, HashSet<CitePermission>> Grants = new()
    {
        [CiteRole.Coordinateur] = [.. Enum.GetValues<CitePermission>()],
        [CiteRole.Copilote] = [CitePermission.Read, CitePermission.Validate, CitePermission.Contribute],
        [CiteRole.Partenaire] = [CitePermission.Read, CitePermission.Contribute, CitePermission.EditOwnStructure],
        [CiteRole.Observateur] = [CitePermission.Read],
    };

    public static bool Allows(this CiteRole role, CitePermission permission) =>
        Grants.TryGetValue(role, out var granted) && granted.Contains(permission);

    public static string Label(this CiteRole role) => role switch
    {
        CiteRole.Coordinateur => "Coordinateur·rice",
        CiteRole.Copilote => "Copilote (État ou collectivité)",
        CiteRole.Partenaire => "Partenaire",
        CiteRole.Observateur => "Observateur·rice",
        _ => role.ToString(),
    };

    public static string Description(this CiteRole role) => role switch
    {
        CiteRole.Coordinateur => "tout dans la Cité : membres, rôles, contenus, séances",
        CiteRole.Copilote => "lit tout, valide la feuille de route et le budget, participe aux séances",
        CiteRole.Partenaire => "met à jour sa structure et ses services, contribue aux tableaux et actions",
        CiteRole.Observateur => "consulte les contenus de la Cité",
        _ => string.Empty,
    };

    /// <summary>Reads a role typed by a person or a script ("coordinateur", "partenaire"…), accents and case ignored.</summary>
    public static bool TryParse(string? text, out CiteRole role)
    {
        var folded = Common.Text.Fold(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<CiteRole>())
        {
            var name = Common.Text.Fold(candidate.ToString());
            if (folded == name || (folded.Length >= 5 && name.StartsWith(folded, StringComparison.Ordinal)))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}
