namespace CiteEmploi.Domain.Common;

/// <summary>Field-keyed validation messages, in French, collected before anything is changed.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    /// <summary>A single message about one field.</summary>
    public static ValidationErrors Of(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>Refuses a command with a single message about one field; nothing has been changed.</summary>
    /// <exception cref="DomainValidationException">Always.</exception>
    public static void Refuse(string field, string message) => throw new DomainValidationException(Of(field, message));

    public IReadOnlyDictionary<string, List<string>> ByField => _byField;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            list = [];
            _byField[field] = list;
        }
        list.Add(message);
    }

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var list) ? list : [];

    /// <summary>Throws <see cref="DomainValidationException"/> when any message was recorded.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new DomainValidationException(this);
        }
    }

    /// <summary>One message per line; each message names what it is about, so no field key is shown.</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, _byField.SelectMany(kv => kv.Value.Select(m => $"- {m}")));
}

/// <summary>Raised by the domain when a command would break an invariant; nothing has been changed.</summary>
public sealed class DomainValidationException(ValidationErrors errors) : Exception(errors.ToString())
{
    public ValidationErrors Errors { get; } = errors;
}
