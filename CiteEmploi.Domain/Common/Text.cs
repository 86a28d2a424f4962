using System.Globalization;
using System.Text;

namespace CiteEmploi.Domain.Common;

/// <summary>Text helpers shared by the aggregates: trimming, accent-insensitive keys, slugs.</summary>
public static class Text
{
    /// <summary>Trims and collapses inner white space; null becomes empty.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A comparison key: lower case, without accents or punctuation ("Cité de l'Emploi" → "cite de l emploi").</summary>
    public static string Fold(string? value)
    {
        var normalized = Clean(value).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        var separator = false;
        foreach (var c in normalized)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (separator && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                separator = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                separator = true;
            }
        }
        return builder.ToString().Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
    }

    /// <summary>A URL slug: folded words joined by hyphens, at most <paramref name="maxLength"/> characters.</summary>
    public static string Slugify(string? value, int maxLength)
    {
        var slug = Fold(value).Replace(' ', '-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength].TrimEnd('-');
        }
        return slug;
    }
}
