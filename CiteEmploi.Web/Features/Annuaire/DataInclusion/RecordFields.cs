using System.Globalization;
using System.Text.Json;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>
/// The fields of one record, whatever the file format. Each getter returns null (or an empty list) for a missing or
/// null field, and records an issue when the value has the wrong type; <see cref="Mistyped"/> remembers those fields so
/// the domain's "required" message is not added on top.
/// </summary>
internal abstract class RecordFields(List<ImportIssue> issues)
{
    protected List<ImportIssue> Issues { get; } = issues;

    public HashSet<string> Mistyped { get; } = new(StringComparer.Ordinal);

    public abstract string? String(string field);

    public abstract IReadOnlyList<string> List(string field);

    public abstract double? Double(string field);

    public abstract decimal? Decimal(string field);

    public abstract int? Integer(string field);

    protected void Wrong(string field, string message)
    {
        Mistyped.Add(field);
        Issues.Add(new ImportIssue(field, message));
    }
}

/// <summary>A JSON object: strings must be JSON strings, lists arrays of strings, numbers JSON numbers, as the schema says.</summary>
internal sealed class JsonRecordFields : RecordFields
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    public JsonRecordFields(JsonElement record, List<ImportIssue> issues) : base(issues)
    {
        foreach (var property in record.EnumerateObject())
        {
            _fields[property.Name] = property.Value;
        }
    }

    public override string? String(string field)
    {
        if (Value(field) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Wrong(field, value.ValueKind == JsonValueKind.Number
            ? $"un texte entre guillemets est attendu, pas le nombre {value.GetRawText()} (ex. : \"{value.GetRawText()}\")."
            : $"un texte est attendu, pas {Describe(value)}.");
        return null;
    }

    public override IReadOnlyList<string> List(string field)
    {
        if (Value(field) is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Wrong(field, $"une liste de codes est attendue (ex. : [\"code-1\", \"code-2\"]), pas {Describe(value)}.");
            return [];
        }
        var codes = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Wrong(field, $"la liste ne doit contenir que des codes entre guillemets, pas {Describe(item)}.");
                return [];
            }
            codes.Add(item.GetString()!);
        }
        return codes;
    }

    public override double? Double(string field) => Number(field) is { } value ? value.GetDouble() : null;

    public override decimal? Decimal(string field)
    {
        if (Number(field) is not { } value)
        {
            return null;
        }
        if (value.TryGetDecimal(out var result))
        {
            return result;
        }
        Wrong(field, $"nombre hors limites : {value.GetRawText()}.");
        return null;
    }

    public override int? Integer(string field)
    {
        if (Number(field) is not { } value)
        {
            return null;
        }
        if (value.TryGetInt32(out var result))
        {
            return result;
        }
        Wrong(field, $"un nombre entier est attendu, pas {value.GetRawText()}.");
        return null;
    }

    private JsonElement? Number(string field)
    {
        if (Value(field) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value;
        }
        Wrong(field, $"un nombre est attendu (sans guillemets), pas {Describe(value)}.");
        return null;
    }

    private JsonElement? Value(string field) =>
        _fields.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"le texte « {Shorten(value.GetString()!)} »",
        JsonValueKind.Number => $"le nombre {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"la valeur {value.GetRawText()}",
        JsonValueKind.Array => "une liste",
        JsonValueKind.Object => "un objet",
        _ => value.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>
/// A CSV row: every cell is text; an empty cell is a missing value. A list cell holds codes separated by commas
/// (« code-1,code-2 », quoted in a comma-separated file); a cell written as a JSON or Python list
/// (« ["code-1", "code-2"] », « ['code-1'] ») is read too, since codes never contain commas, quotes or brackets.
/// Numbers use a dot or, as French spreadsheets write them, a comma for decimals.
/// </summary>
internal sealed class CsvRecordFields(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> cells, List<ImportIssue> issues)
    : RecordFields(issues)
{
    private static readonly char[] ListTrim = [' ', '"', '\'', '\t'];

    public override string? String(string field) => Cell(field);

    public override IReadOnlyList<string> List(string field)
    {
        if (Cell(field) is not { } cell)
        {
            return [];
        }
        var inner = cell.Trim();
        if (inner.StartsWith('[') && inner.EndsWith(']'))
        {
            inner = inner[1..^1];
        }
        return [.. inner.Split(',').Select(c => c.Trim(ListTrim)).Where(c => c.Length > 0)];
    }

    public override double? Double(string field) =>
        Parse(field, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : Failed<double>(field, text);

    public override decimal? Decimal(string field) =>
        Parse(field, out var text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : Failed<decimal>(field, text);

    public override int? Integer(string field)
    {
        if (Cell(field) is not { } cell)
        {
            return null;
        }
        if (int.TryParse(cell.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Wrong(field, $"un nombre entier est attendu, pas « {cell} ».");
        return null;
    }

    private bool Parse(string field, out string? text)
    {
        text = Cell(field)?.Trim().Replace(',', '.');
        return text is not null;
    }

    private T? Failed<T>(string field, string? text) where T : struct
    {
        if (text is not null)
        {
            Wrong(field, $"un nombre est attendu, pas « {Cell(field)} ».");
        }
        return null;
    }

    // a text our own export neutralised for spreadsheets ('+33…, '=…) is read back as written
    private string? Cell(string field) =>
        columns.TryGetValue(field, out var index) && index < cells.Count && cells[index].Length > 0 ? SpreadsheetCsv.Restore(cells[index]) : null;
}
