using System.Text;

namespace CiteEmploi.Web.Features.Common;

/// <summary>Typed texts put inside a generated Markdown document (a plan, minutes) without turning into Markdown.</summary>
public static class MarkdownEscape
{
    /// <summary>The text on one line, the characters that start emphasis, links, headings, tables or HTML escaped.</summary>
    public static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            if (ch is '\\' or '*' or '_' or '`' or '[' or ']' or '#' or '<' or '>' or '|')
            {
                builder.Append('\\');
            }
            builder.Append(ch);
        }
        return builder.ToString();
    }
}
