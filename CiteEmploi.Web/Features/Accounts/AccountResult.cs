using CiteEmploi.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>The outcome of an account operation, with French messages per field ("Email", "Password", "Token"…).</summary>
public sealed record AccountResult(bool Succeeded, ValidationErrors Errors)
{
    public static AccountResult Ok() => new(true, new ValidationErrors());

    public static AccountResult Refused(string field, string message) => new(false, ValidationErrors.Of(field, message));

    public static AccountResult From(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return Ok();
        }
        var errors = new ValidationErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Password"
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
                : "Form";
            errors.Add(field, error.Description);
        }
        return new(false, errors);
    }
}
