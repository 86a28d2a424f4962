using System.Security.Cryptography;
using System.Text;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>Secret link tokens: 256 random bits, URL-safe; the database keeps only their SHA-256.</summary>
public static class SecretTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
