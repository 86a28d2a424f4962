namespace CiteEmploi.Web.Features.Accounts;

/// <summary>
/// A person pressed « Se déconnecter »: the live connections opened in their name (board hub) end at once, on every
/// server, instead of staying open with the cookie's identity until they drop by themselves.
/// </summary>
public sealed record AccountSignedOut(string UserId);
