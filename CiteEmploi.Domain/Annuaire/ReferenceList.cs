using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>One code of a data·inclusion reference list, with its French label.</summary>
public sealed record ReferenceEntry(string Code, string Label, string? Description);

/// <summary>A data·inclusion code list (thématiques, publics…): code → French label, in the schema's order.</summary>
public sealed class ReferenceList
{
    private readonly Dictionary<string, ReferenceEntry> _byCode;

    public ReferenceList(string name, IEnumerable<ReferenceEntry> entries)
    {
        Name = name;
        Entries = [.. entries];
        _byCode = new Dictionary<string, ReferenceEntry>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (!_byCode.TryAdd(entry.Code, entry))
            {
                throw new InvalidOperationException($"Duplicate code '{entry.Code}' in the reference list '{name}'.");
            }
        }
    }

    /// <summary>How messages name the list, with its article: « les thématiques ».</summary>
    public string Name { get; }

    public IReadOnlyList<ReferenceEntry> Entries { get; }

    public IEnumerable<string> Codes => Entries.Select(e => e.Code);

    public int Count => Entries.Count;

    /// <summary>True for an exact (case-sensitive) code of the list: data·inclusion codes are lower-case slugs.</summary>
    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    public ReferenceEntry? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The French label of a code; an unknown code is shown as it is rather than hidden.</summary>
    public string Label(string code) => Find(code)?.Label ?? code;

    /// <summary>The message given for a code that is not in the list; it names the code.</summary>
    public string UnknownCodeMessage(string code) => $"Code inconnu « {code} » dans {Name}.";

    /// <summary>Records a message under <paramref name="field"/> for every unknown code, each named.</summary>
    public void Check(IEnumerable<string> codes, string field, ValidationErrors errors)
    {
        foreach (var code in codes)
        {
            if (!Contains(code))
            {
                errors.Add(field, UnknownCodeMessage(code));
            }
        }
    }
}
