using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Components.Account.Shared;

/// <summary>aria helpers for the account forms: which fields are invalid and where their messages are.</summary>
public static class FormErrors
{
    public static string? Invalid(this ValidationErrors errors, string field) => errors.For(field).Count > 0 ? "true" : null;

    public static string? DescribedBy(this ValidationErrors errors, string idPrefix, string field, string? hint = null)
    {
        var ids = new List<string>();
        if (hint is not null)
        {
            ids.Add(hint);
        }
        if (errors.For(field).Count > 0)
        {
            ids.Add($"{idPrefix}-{field}-error");
        }
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}

/// <summary>Field keys of the account forms (the same keys <see cref="Features.Accounts.AccountResult"/> uses).</summary>
public static class AccountFields
{
    public const string Email = "Email";
    public const string Password = "Password";
    public const string Confirmation = "Confirmation";
    public const string CurrentPassword = "CurrentPassword";
    public const string DisplayName = "DisplayName";
    public const string Organisation = "Organisation";
    public const string Form = "Form";
    public const string Token = "Token";
}
