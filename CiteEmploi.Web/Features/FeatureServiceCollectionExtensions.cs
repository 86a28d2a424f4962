using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Email;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Security;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Everything the pages and the command-line verbs share: data, live bus, feature services.</summary>
    public static IServiceCollection AddCiteEmploiFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCiteEmploiData(configuration);
        services.AddSingleton<CiteService>();
        services.AddSingleton<CiteAccessService>();
        services.AddScoped<CiteAttentionService>();
        services.AddScoped<CiteActivityService>();
        services.AddSingleton<CiteDbContextFactory>();
        services.AddCommittedEventHandler<CiteLiveEvents>();
        services.AddSingleton<SecurityLog>();
        services.AddSingleton(configuration.GetSection("CiteEmploi:Smtp").Get<SmtpSettings>() ?? new SmtpSettings());
        services.AddSingleton<UnsentEmails>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<Common.PublicLinks>();
        services.AddScoped<MemberService>();
        services.AddCommittedEventHandler<MemberLiveEvents>();
        services.AddSingleton<Annuaire.Search.DirectorySearchIndex>();
        services.AddSingleton<Annuaire.DirectoryIndexer>();
        services.AddSingleton<Annuaire.DirectoryIndexCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<Annuaire.DirectoryIndexCheck>());
        services.AddSingleton<Annuaire.DirectoryService>();
        services.AddCommittedEventHandler<Annuaire.DirectoryLiveEvents>();
        services.AddSingleton<Annuaire.Near.DirectoryPositionSnapshots>();
        services.AddSingleton<Annuaire.Near.NearPlaces>();
        services.AddSingleton<Annuaire.Near.NearSearch>();
        services.AddSingleton<Annuaire.DirectorySearch>();
        services.AddSingleton<Annuaire.ServiceFamilySnapshots>();
        services.AddSingleton<Annuaire.ServicePlaces>();
        services.AddSingleton<Annuaire.DataInclusion.DirectoryImporter>();
        services.AddSingleton<Admin.AdminService>();
        services.AddSingleton<National.NationalIndicators>();
        services.AddSingleton<National.NationalIndicatorService>();
        services.AddSingleton<National.NationalSelfAssessmentService>();
        services.AddScoped<DemoLoader>();
        services.AddSingleton<Boards.BoardSnapshots>();
        services.AddSingleton<Boards.BoardService>();
        services.AddScoped<Boards.BoardPresence>();
        // one per circuit: a page's board commands have the same pace as a hub connection's
        services.AddOptions<Boards.BoardCommandRateSettings>().Bind(configuration.GetSection(Boards.BoardCommandRateSettings.Section));
        services.AddScoped<Boards.BoardCommandRate>();
        services.AddLiveMessageKind<Boards.FollowMeRequested>("board.follow-me");
        services.AddLiveMessageKind<Accounts.AccountSignedOut>("account.signed-out");
        services.AddSingleton<Boards.BoardGuestService>();
        services.AddSingleton<Boards.DemoBoards>();
        services.AddCommittedEventHandler<Boards.BoardLiveEvents>();

        services.AddSingleton<Roadmap.PlanSnapshots>();
        services.AddSingleton<Roadmap.PlanService>();
        services.AddScoped<Roadmap.PlanPresence>();
        services.AddLiveMessageKind<Roadmap.PlanFollowMeRequested>("plan.follow-me");
        services.AddSingleton<Roadmap.DemoRoadmap>();
        services.AddCommittedEventHandler<Roadmap.RoadmapLiveEvents>();

        services.AddSingleton<Sessions.SessionSnapshots>();
        services.AddSingleton<Sessions.SessionService>();
        services.AddSingleton<Sessions.SessionInvitations>();
        services.AddSingleton<Sessions.SessionDisplayService>();
        services.AddSingleton<Sessions.SessionCheckInService>();
        services.AddSingleton<Sessions.DemoSessions>();
        services.AddCommittedEventHandler<Sessions.SessionLiveEvents>();

        services.AddSingleton<Diagnostic.DiagnosticService>();
        services.AddSingleton<Diagnostic.FiguresService>();
        services.AddSingleton<Diagnostic.DiagnosticSnapshotService>();
        services.AddSingleton<Diagnostic.DemoFigures>();
        services.AddSingleton<Indicators.DemoIndicators>();
        services.AddCommittedEventHandler<Diagnostic.DiagnosticLiveEvents>();
        services.AddSingleton<Indicators.IndicatorService>();
        services.AddCommittedEventHandler<Indicators.IndicatorLiveEvents>();
        services.AddSingleton<SelfAssessment.SelfAssessmentService>();
        services.AddSingleton<SelfAssessment.DemoSelfAssessments>();
        services.AddCommittedEventHandler<SelfAssessment.SelfAssessmentLiveEvents>();
        services.AddSingleton<Cooperation.CooperationService>();
        services.AddSingleton<Referrals.ReferralService>();
        services.AddSingleton<Referrals.DemoReferrals>();
        services.AddCommittedEventHandler<Referrals.ReferralLiveEvents>();
        services.AddOptions<Diagnostic.MapSettings>().Bind(configuration.GetSection(Diagnostic.MapSettings.Section));
        return services;
    }
}
