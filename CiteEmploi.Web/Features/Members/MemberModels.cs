using CiteEmploi.Domain.Members;

namespace CiteEmploi.Web.Features.Members;

/// <summary>A line of a Cité's members list.</summary>
public sealed record MemberView(string UserId, string DisplayName, string Email, string? Organisation, CiteRole Role, DateTimeOffset JoinedAt);

/// <summary>An invitation not yet used.</summary>
public sealed record PendingInvitationView(Guid Id, string Email, CiteRole Role, DateTimeOffset ExpiresAt);

/// <summary>What a person sees when opening an invitation link.</summary>
public sealed record InvitationView(string CiteName, string CiteSlug, string Email, CiteRole Role, string? WhyUnusable, bool AccountExists);

/// <summary>A created invitation: the link to send (shown to the coordinator when no e-mail goes out).</summary>
public sealed record InvitationLink(string Email, string Url, bool EmailSent);
