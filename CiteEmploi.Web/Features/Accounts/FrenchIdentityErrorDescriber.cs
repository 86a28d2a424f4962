using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>Identity's messages, in French.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Un compte existe déjà pour l'adresse {email}." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateEmail), Description = $"Un compte existe déjà pour l'adresse {userName}." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "Adresse e-mail invalide (ex. : prenom.nom@structure.fr)." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidEmail), Description = "Adresse e-mail invalide (ex. : prenom.nom@structure.fr)." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit compter au moins {length} caractères." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Le mot de passe doit contenir au moins un caractère spécial." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Le mot de passe doit contenir au moins un chiffre." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Le mot de passe doit contenir au moins une minuscule." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Le mot de passe doit contenir au moins une majuscule." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mot de passe actuel incorrect." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Ce lien n'est plus valide : demandez-en un nouveau." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "L'opération a échoué. Réessayez." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Le compte a été modifié entre-temps. Réessayez." };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "Le verrouillage n'est pas activé pour ce compte." };
}
