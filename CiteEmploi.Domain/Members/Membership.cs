using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Members;

/// <summary>A person's membership of a Cité, with their role there.</summary>
public sealed class Membership : AggregateRoot, ICiteOwned
{
    private Membership()
    {
        UserId = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string UserId { get; private set; }

    public CiteRole Role { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>The directory structure this member works for: a partner edits that structure and its services.</summary>
    public Guid? StructureId { get; private set; }

    public static Membership Create(Guid citeId, string userId, CiteRole role, DateTimeOffset now)
    {
        var membership = new Membership { CiteId = citeId, UserId = userId, Role = role, JoinedAt = now };
        membership.Raise(new MemberJoined(citeId, userId, role));
        return membership;
    }

    /// <summary>Changes the role; <paramref name="others"/> are the Cité's other memberships, to keep a coordinator.</summary>
    public void ChangeRole(CiteRole role, IReadOnlyCollection<Membership> others)
    {
        if (role == Role)
        {
            return;
        }
        if (Role == CiteRole.Coordinateur && role != CiteRole.Coordinateur)
        {
            EnsureAnotherCoordinator(others);
        }
        var old = Role;
        Role = role;
        Raise(new MemberRoleChanged(CiteId, UserId, old, role));
    }

    /// <summary>Links the member to a structure of the Cité's directory (or unlinks them with null).</summary>
    public void LinkToStructure(Guid? structureId)
    {
        if (structureId == StructureId)
        {
            return;
        }
        StructureId = structureId;
        Raise(new MemberStructureChanged(CiteId, UserId, structureId));
    }

    /// <summary>Checks the removal is allowed and records it; the caller deletes the row.</summary>
    public void Remove(IReadOnlyCollection<Membership> others)
    {
        if (Role == CiteRole.Coordinateur)
        {
            EnsureAnotherCoordinator(others);
        }
        Raise(new MemberRemoved(CiteId, UserId, Role));
    }

    private void EnsureAnotherCoordinator(IReadOnlyCollection<Membership> others)
    {
        if (!others.Any(m => m.Id != Id && m.Role == CiteRole.Coordinateur))
        {
            ValidationErrors.Refuse(nameof(Role), "La Cité doit garder au moins un coordinateur ou une coordinatrice : nommez-en un autre d'abord.");
        }
    }
}

public sealed record MemberJoined(Guid CiteId, string UserId, CiteRole Role) : IDomainEvent;

public sealed record MemberRoleChanged(Guid CiteId, string UserId, CiteRole OldRole, CiteRole NewRole) : IDomainEvent;

public sealed record MemberStructureChanged(Guid CiteId, string UserId, Guid? StructureId) : IDomainEvent;

public sealed record MemberRemoved(Guid CiteId, string UserId, CiteRole Role) : IDomainEvent;
