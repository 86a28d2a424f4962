using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Demo;

/// <summary>
/// Loads the demonstration Cité: fictional but realistic, and labelled as such wherever it appears, with one fictional
/// account per role (passwords generated and shown only by the loader). Later features add their own demonstration
/// content here, so one call (the <c>load-demo</c> verb or the administration page) gives a complete workspace to try.
/// </summary>
public sealed class DemoLoader(CiteService cites, MemberService members, UserManager<AppUser> users, TimeProvider time,
    CiteDbContextFactory dbs, DirectoryImporter importer, DirectoryService directory, Boards.DemoBoards boards,
    Roadmap.DemoRoadmap roadmap, Sessions.DemoSessions sessions, Diagnostic.DemoFigures figures, Indicators.DemoIndicators indicators,
    SelfAssessment.DemoSelfAssessments selfAssessments, Referrals.DemoReferrals referrals)
{
    public const string Slug = "demo";
    public const string Name = "Cité de démonstration";

    private static readonly (CiteRole Role, string Email, string Name, string Organisation)[] DemoPeople =
    [
        (CiteRole.Coordinateur, "coordination@demo.citeemploi.invalid", "Camille Martin (fictive)", "Ville de Valmont-sur-Loire"),
        (CiteRole.Copilote, "copilote@demo.citeemploi.invalid", "Dominique Leroy (fictif)", "Préfecture — délégué du préfet"),
        (CiteRole.Partenaire, "partenaire@demo.citeemploi.invalid", "Samia Benali (fictive)", "Mission Locale de Valmont"),
        (CiteRole.Observateur, "observateur@demo.citeemploi.invalid", "Jules Moreau (fictif)", "Centre social des Résidences"),
    ];

    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken = default) =>
        await cites.GetAsync(Slug, cancellationToken) is not null;

    /// <summary>Loads the demonstration; does nothing (and says so) when it is already there.</summary>
    /// <param name="coordinatorUserId">An administrator loading it from the UI also becomes a coordinator of it, to try it at once.</param>
    public async Task<DemoLoadResult> LoadAsync(string? coordinatorUserId = null, CancellationToken cancellationToken = default)
    {
        if (await IsLoadedAsync(cancellationToken))
        {
            return new DemoLoadResult(Slug, AlreadyLoaded: true, $"La « {Name} » est déjà chargée (adresse : /c/{Slug}). Ses comptes gardent leurs mots de passe.", []);
        }

        var result = await cites.CreateAsync(Profile(time.GetLocalNow().Year), Slug, isDemonstration: true, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Le chargement de la démonstration a échoué : {result.Describe()}");
        }
        var access = (await cites.OperatorAccessAsync(Slug, cancellationToken))!;
        var accounts = new List<DemoAccount>();
        foreach (var (role, email, name, organisation) in DemoPeople)
        {
            var password = SecretTokens.New()[..16];
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Organisation = organisation, CreatedAt = time.GetUtcNow() };
                EnsureSucceeded(await users.CreateAsync(user, password));
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                EnsureSucceeded(await users.ResetPasswordAsync(user, token, password));
            }
            await members.AddAsync(access, user.Id, role, cancellationToken);
            accounts.Add(new DemoAccount(role.Label(), email, password));
        }
        if (coordinatorUserId is not null)
        {
            await members.AddAsync(access, coordinatorUserId, CiteRole.Coordinateur, cancellationToken);
        }
        await LoadDirectoryAsync(access, cancellationToken);
        await boards.LoadAsync(access, cancellationToken);
        await roadmap.LoadAsync(access, cancellationToken);
        await sessions.LoadAsync(access, cancellationToken);
        await figures.LoadAsync(access, cancellationToken);
        await indicators.LoadAsync(access, cancellationToken);
        await selfAssessments.LoadAsync(access, cancellationToken);
        await referrals.LoadAsync(access, cancellationToken);
        return new DemoLoadResult(Slug, AlreadyLoaded: false,
            $"La « {Name} » est chargée (données et comptes fictifs) : /c/{Slug}. Comptes de démonstration (notez les mots de passe, ils ne seront plus affichés) :",
            accounts);
    }

    /// <summary>
    /// The fictional directory (Features/Demo/Data), through the data·inclusion importer like any file (read, stored,
    /// indexed), then what the schema cannot say: the drafts, and the Mission Locale the partner account works for.
    /// </summary>
    private async Task LoadDirectoryAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        var demo = DemoDirectory.Read(time.GetUtcNow());
        var report = await importer.ImportOwnContentAsync(access, demo.Batch, cancellationToken);
        if (report.Outcome != ImportOutcome.Imported)
        {
            throw new InvalidOperationException($"Le chargement de l'annuaire de démonstration a échoué : {report.Describe()}");
        }
        Guid missionLocale;
        await using (var db = await dbs.CreateAsync(access, cancellationToken))
        {
            // the importer published every service naming a thématique; these stay drafts (data·inclusion has no status)
            var services = await db.Services.Where(s => s.Source == DemoDirectory.Source).ToListAsync(cancellationToken);
            var toDraft = services.Where(s => demo.Drafts.Contains(s.ExternalId!)).ToList();
            toDraft.ForEach(s => s.BackToDraft());
            await db.SaveChangesAsync(cancellationToken);
            missionLocale = await db.Structures.Where(s => s.Source == DemoDirectory.Source && s.ExternalId == PartnerStructureId).Select(s => s.Id).SingleAsync(cancellationToken);
        }
        var partner = await users.FindByEmailAsync(DemoPeople.Single(p => p.Role == CiteRole.Partenaire).Email);
        await directory.LinkMemberAsync(access, partner!.Id, missionLocale, cancellationToken);
    }

    /// <summary>The demonstration structure the partner account may edit.</summary>
    public const string PartnerStructureId = DemoDirectory.Source + "--mission-locale";

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Compte de démonstration impossible à créer : " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A fictional commune with two priority neighbourhoods, €100,000 for the year and four co-funders.</summary>
    public static CiteProfile Profile(int year) => new()
    {
        Name = Name,
        PerimeterType = PerimeterType.Commune,
        TerritoryName = "Valmont-sur-Loire (commune fictive, 48 000 habitants)",
        Qpvs =
        [
            new Qpv("QN99001M", "Les Résidences"),
            new Qpv("QN99002M", "Le Plateau Saint-Jean"),
        ],
        BudgetYear = year,
        BudgetAmount = 100_000m,
        CoFunders =
        [
            new CoFunder("Préfecture — crédits politique de la ville", 50_000m),
            new CoFunder("DREETS", 20_000m),
            new CoFunder("Valmont Agglomération (EPCI)", 20_000m),
            new CoFunder("Ville de Valmont-sur-Loire", 10_000m),
        ],
        Coordinator = new CoordinatorContact("Camille Martin (personne fictive)", "coordination@demo.citeemploi.invalid", "01 99 00 00 00"),
    };
}

public sealed record DemoAccount(string Role, string Email, string Password);

public sealed record DemoLoadResult(string Slug, bool AlreadyLoaded, string Message, IReadOnlyList<DemoAccount> Accounts);
