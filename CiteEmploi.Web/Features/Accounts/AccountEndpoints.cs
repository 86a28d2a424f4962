using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Security;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>Plain HTTP endpoints behind account forms (they set or clear cookies). Antiforgery-checked form posts.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/deconnexion", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityLog log, ILiveBus bus) =>
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
                // Hub connections authenticated by the cookie just cleared would otherwise stay open in the person's name.
                bus.Publish(LiveTopics.Account(user.Id), new AccountSignedOut(user.Id));
            }
            return Results.LocalRedirect("/connexion");
        });

        // The person's own data as a JSON file (form on /compte/donnees). Signed-in only, by the fallback policy.
        endpoints.MapPost("/compte/donnees/export", async (HttpContext context, IAntiforgery antiforgery, UserManager<AppUser> users,
            AccountSelfService accounts, CancellationToken cancellationToken) =>
        {
            // No form binding here, so the antiforgery middleware would not refuse a forged post by itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (await users.GetUserAsync(context.User) is not { } user)
            {
                return Results.LocalRedirect("/connexion");
            }
            var json = await accounts.ExportPersonalDataAsync(user, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(json, "application/json; charset=utf-8", $"citeemploi-mes-donnees-{DateTime.UtcNow:yyyy-MM-dd}.json");
        }).RequireAuthorization();
        return endpoints;
    }
}
