using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Common;

/// <summary>The outcome of a command a person gave: done, refused with messages per field, or lost to a concurrent edit.</summary>
public sealed record CommandResult
{
    public bool Succeeded { get; private init; }

    public bool NotFound { get; private init; }

    /// <summary>The person's role in the Cité does not allow it.</summary>
    public bool IsForbidden { get; private init; }

    /// <summary>Someone else changed the same thing first; the person's input is kept so nothing is lost.</summary>
    public bool Conflict { get; private init; }

    public ValidationErrors Errors { get; private init; } = new();

    /// <summary>Set on success when the command has a natural result (the slug of a created Cité, for instance).</summary>
    public string? Value { get; private init; }

    public static CommandResult Ok(string? value = null) => new() { Succeeded = true, Value = value };

    public static CommandResult Invalid(ValidationErrors errors) => new() { Errors = errors };

    public static CommandResult Invalid(string field, string message) => new() { Errors = ValidationErrors.Of(field, message) };

    public static CommandResult Missing() => new() { NotFound = true };

    public static CommandResult Conflicted() => new() { Conflict = true };

    public static CommandResult Forbidden() => new() { IsForbidden = true };

    /// <summary>One French sentence for a notification or a console.</summary>
    public string Describe() => this switch
    {
        { Succeeded: true } => "C'est fait.",
        { IsForbidden: true } => "Votre rôle dans cette Cité ne permet pas cette action.",
        { NotFound: true } => "Introuvable : cet élément n'existe pas ou a été supprimé.",
        { Conflict: true } => "Quelqu'un d'autre a modifié cet élément entre-temps. Vos saisies sont conservées : vérifiez puis enregistrez à nouveau.",
        _ => Errors.ToString(),
    };
}
