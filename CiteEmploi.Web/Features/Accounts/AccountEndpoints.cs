using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>Plain HTTP endpoints behind account forms (they set or clear cookies). Antiforgery-checked form posts.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/deconnexion", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityLog log) =>
        {
            // No form field is bound here, so the token is checked by hand: a forged page must not sign people out.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("Jeton de sécurité du formulaire manquant ou invalide.");
            }
            var user = await users.GetUserAsync(context.User);
            await signIn.SignOutAsync();
            if (user is not null)
            {
                await log.RecordAsync(SecurityEventKind.SignOut, "Déconnexion.", context.Connection.RemoteIpAddress?.ToString(), user.Id, user.Email);
            }
            return Results.LocalRedirect("/connexion");
        });
        return endpoints;
    }
}
