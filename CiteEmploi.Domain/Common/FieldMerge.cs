namespace CiteEmploi.Domain.Common;

/// <summary>
/// Merges one edit with a concurrent one field by field (ARCHITECTURE.md, principle 7): a field only one side changed
/// takes that side's value; a field both changed differently is recorded as a conflict, so the caller can refuse the
/// whole edit and show it to the person whose edit lost, with their input kept. Card edits are the first user.
/// </summary>
public sealed class FieldMerge
{
    private readonly List<string> _conflicts = [];

    /// <summary>The fields both sides changed differently, in the order merged.</summary>
    public IReadOnlyList<string> Conflicts => _conflicts;

    /// <summary>
    /// The merged value of one field: <paramref name="current"/> is what is stored now, <paramref name="basis"/> what
    /// the person started from, <paramref name="yours"/> what they wrote. On a conflict the stored value is kept.
    /// </summary>
    public T Field<T>(string field, T current, T basis, T yours)
    {
        var comparer = EqualityComparer<T>.Default;
        if (comparer.Equals(yours, basis) || comparer.Equals(yours, current))
        {
            return current; // you did not touch it, or you both wrote the same
        }
        if (comparer.Equals(current, basis))
        {
            return yours; // only you changed it
        }
        _conflicts.Add(field);
        return current;
    }
}
