using System.Security.Cryptography;

namespace CiteEmploi.Domain.Common;

/// <summary>
/// Short join codes shown in a room and typed on a phone: capital letters and digits that cannot be mistaken for one
/// another (no 0/O, 1/I/L), drawn with cryptographic randomness — the code is the only thing between a passer-by and
/// what it opens. Board guests are the first user (docs/decisions/0008-board-guests.md).
/// </summary>
public static class AccessCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>
    /// The code as typed (spaces, dashes, lower case tolerated), or null when it cannot be a code of
    /// <paramref name="length"/> characters at all: such input never reaches the database.
    /// </summary>
    public static string? Normalize(string? typed, int length)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var code = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        return code.Length == length && code.All(Alphabet.Contains) ? code : null;
    }
}
