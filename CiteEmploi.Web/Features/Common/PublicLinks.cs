namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// The base of links sent to people (invitations, password resets): <c>CiteEmploi:PublicUrl</c> when set, so that a
/// link never depends on the Host header of the request that produced it; otherwise the request's own address.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public string BaseUri(string requestBaseUri) =>
        (configuration["CiteEmploi:PublicUrl"] is { Length: > 0 } configured ? configured : requestBaseUri).TrimEnd('/');
}
