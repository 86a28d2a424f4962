namespace CiteEmploi.Web.Features.Common;

/// <summary>A value someone sent, repeated in a message about it: at most 40 characters, so a hostile value cannot flood the message.</summary>
public static class Echo
{
    public const int MaxLength = 40;

    public static string Of(string? text) => text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text ?? string.Empty;
}
