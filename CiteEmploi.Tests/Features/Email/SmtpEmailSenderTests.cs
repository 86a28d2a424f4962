using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Email;
using CiteEmploi.Web.Features.Members;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CiteEmploi.Tests.Features.Email;

/// <summary>
/// E-mail through MailKit to a real SMTP server (the SmtpServer package) on a loopback port: the app, configured by
/// its settings as an operator would, sends an invitation; the server's mailbox is read back as MIME.
/// </summary>
public sealed class SmtpEmailSenderTests(SmtpEmailSenderTests.SmtpFixture fixture) : IClassFixture<SmtpEmailSenderTests.SmtpFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Invitation_ReachesTheSmtpServer_FromTheConfiguredSender_InFrenchWithTheLink()
    {
        var slug = await fixture.CreateCiteAsync("Cité de l'emploi de Belfort-Étueffont");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var invited = $"chloe.{Guid.NewGuid():N}@tests.invalid";

        var (result, link) = await scope.ServiceProvider.GetRequiredService<MemberService>()
            .InviteAsync(access, invited, CiteRole.Partenaire);

        Assert.True(result.Succeeded, result.Describe());
        Assert.True(link!.EmailSent, "l'invitation n'est pas partie par e-mail");
        var (envelope, message) = await fixture.Mailbox.ReadAsync(new CancellationTokenSource(Wait).Token);
        Assert.Equal(SmtpFixture.Sender, envelope.From);
        Assert.Equal([invited], envelope.To);
        Assert.Equal(SmtpFixture.Sender, Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(invited, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Invitation à rejoindre « Cité de l'emploi de Belfort-Étueffont » sur CiteEmploi", message.Subject);
        var body = message.TextBody;
        Assert.StartsWith("Bonjour,", body, StringComparison.Ordinal);
        Assert.Contains("Vous êtes invité·e à rejoindre la Cité « Cité de l'emploi de Belfort-Étueffont »", body, StringComparison.Ordinal);
        Assert.Contains("valable 7 jours", body, StringComparison.Ordinal);
        Assert.Contains(link.Url, body, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:5180/invitation/", link.Url, StringComparison.Ordinal);
        Assert.Equal("utf-8", message.BodyParts.OfType<TextPart>().Single().ContentType.Charset, ignoreCase: true);
        Assert.Contains(SmtpFixture.User, fixture.AuthenticatedAs);
    }

    [Fact]
    public async Task SessionInvitation_ReachesTheSmtpServer_WithTheCalendarAttachedAsARequest()
    {
        var slug = await fixture.CreateCiteAsync("Cité de l'emploi de Morlaix");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var sessions = fixture.App.Get<CiteEmploi.Web.Features.Sessions.SessionService>();
        var id = Guid.Parse((await sessions.CreateAsync(access, new CiteEmploi.Domain.Sessions.SessionDetails(CiteEmploi.Domain.Sessions.SessionKind.Atelier,
            "Atelier mobilité", new DateOnly(2026, 6, 4), new TimeOnly(14, 0), new TimeOnly(16, 0), "Espace des Halles"))).Value!);
        var invited = $"lea.{Guid.NewGuid():N}@tests.invalid";
        Assert.True((await sessions.InviteOutsiderAsync(access, id, new CiteEmploi.Domain.Sessions.InviteeDetails("Léa Roux", invited))).Succeeded);

        var report = await fixture.App.Get<CiteEmploi.Web.Features.Sessions.SessionInvitations>().SendAsync(access, id);

        Assert.Equal((1, 0), (report.Sent, report.Failures.Count));
        var (envelope, message) = await fixture.Mailbox.ReadAsync(new CancellationTokenSource(Wait).Token);
        Assert.Equal([invited], envelope.To);
        Assert.Equal("Invitation : Atelier mobilité", message.Subject);
        Assert.StartsWith("Bonjour Léa Roux,", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("text/calendar", "REQUEST", "seance-2026-06-04-atelier-mobilite.ics"),
            (attachment.ContentType.MimeType, attachment.ContentType.Parameters["method"], attachment.FileName));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(("REQUEST", "Atelier mobilité", $"mailto:{invited}"), (calendar.Method, e.Summary, Assert.Single(e.Attendees).Value!.ToString()));
        Assert.Equal(0, Assert.Single((await sessions.InvitationMailingAsync(access, id, "http://127.0.0.1:5180"))!.Sent).Sequence);
    }

    [Fact]
    public async Task UnreachableServer_GivesAClearFrenchFailure()
    {
        var port = FreePort();
        var sender = new SmtpEmailSender(new SmtpSettings { Host = "127.0.0.1", Port = port, EnableSsl = false, Timeout = TimeSpan.FromSeconds(5) },
            NullLogger<SmtpEmailSender>.Instance);

        var failure = await Assert.ThrowsAsync<EmailNotSentException>(() => sender.SendAsync("quelqu.un@tests.invalid", "Essai", "Corps"));

        Assert.StartsWith($"E-mail non envoyé : le serveur SMTP 127.0.0.1:{port} est injoignable", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_GivesAClearFrenchFailure_AndNothingIsDelivered()
    {
        var sender = new SmtpEmailSender(new SmtpSettings
        {
            Host = "127.0.0.1", Port = fixture.Port, EnableSsl = false, User = SmtpFixture.User, Password = "pas le bon", From = SmtpFixture.Sender,
        }, NullLogger<SmtpEmailSender>.Instance);

        var failure = await Assert.ThrowsAsync<EmailNotSentException>(() => sender.SendAsync("quelqu.un@tests.invalid", "Essai", "Corps"));

        Assert.Contains("a refusé l'identifiant ou le mot de passe", failure.Message, StringComparison.Ordinal);
        Assert.False(fixture.Mailbox.TryPeek(out _));
    }

    [Fact]
    public async Task Invitation_WhenTheServerIsUnreachable_IsStillCreated_WithTheLinkToPassOn()
    {
        await using var app = new CiteEmploiApp(settings: SmtpFixture.Settings(FreePort(), SmtpFixture.User, SmtpFixture.SmtpPassword));
        var fixtureOfUnreachable = new UnreachableFixture(app);
        await fixtureOfUnreachable.InitializeAsync();
        var slug = await fixtureOfUnreachable.CreateCiteAsync("Cité sans courrier");
        var access = (await app.Get<CiteService>().OperatorAccessAsync(slug))!;
        await using var scope = app.Services.CreateAsyncScope();

        var (result, link) = await scope.ServiceProvider.GetRequiredService<MemberService>()
            .InviteAsync(access, "sans.courrier@tests.invalid", CiteRole.Observateur);

        Assert.True(result.Succeeded, result.Describe());
        Assert.False(link!.EmailSent);
        Assert.StartsWith("http://127.0.0.1:5180/invitation/", link.Url, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class UnreachableFixture(CiteEmploiApp app) : AppFixture
    {
        protected override CiteEmploiApp CreateApp() => app;
    }

    /// <summary>A real SMTP server on 127.0.0.1 (authentication required), and the app configured to send through it.</summary>
    public sealed class SmtpFixture : AppFixture, IDisposable
    {
        public const string Sender = "invitations@citeemploi.example";
        public const string User = "citeemploi";
        public const string SmtpPassword = "secret du relais";

        private readonly SmtpServer.SmtpServer _server;
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<(Envelope, MimeMessage)> _mailbox = Channel.CreateUnbounded<(Envelope, MimeMessage)>();
        private readonly List<string> _authenticated = [];

        public SmtpFixture()
        {
            Port = FreePort();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("relais.tests.invalid")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AuthenticationRequired(true).AllowUnsecureAuthentication(true))
                .Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(_mailbox.Writer));
            services.Add(new Authenticator(_authenticated));
            _server = new SmtpServer.SmtpServer(options, services);
            _ = _server.StartAsync(_stop.Token);
        }

        public int Port { get; }

        public ChannelReader<(Envelope Envelope, MimeMessage Message)> Mailbox => _mailbox.Reader;

        public IReadOnlyList<string> AuthenticatedAs
        {
            get
            {
                lock (_authenticated)
                {
                    return [.. _authenticated];
                }
            }
        }

        public static Dictionary<string, string?> Settings(int port, string user, string password) => new()
        {
            ["CiteEmploi:Smtp:Host"] = "127.0.0.1",
            ["CiteEmploi:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CiteEmploi:Smtp:User"] = user,
            ["CiteEmploi:Smtp:Password"] = password,
            ["CiteEmploi:Smtp:From"] = Sender,
            ["CiteEmploi:Smtp:EnableSsl"] = "false",
            ["CiteEmploi:Smtp:Timeout"] = "00:00:10",
            ["CiteEmploi:PublicUrl"] = "http://127.0.0.1:5180",
        };

        protected override CiteEmploiApp CreateApp() => new(settings: Settings(Port, User, SmtpPassword));

        public void Dispose()
        {
            _stop.Cancel();
            _server.Shutdown();
            _stop.Dispose();
        }

        private sealed class Store(ChannelWriter<(Envelope, MimeMessage)> mailbox) : MessageStore
        {
            public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
                ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                var message = await MimeMessage.LoadAsync(stream, cancellationToken);
                var envelope = new Envelope(Address(transaction.From), [.. transaction.To.Select(Address)]);
                await mailbox.WriteAsync((envelope, message), cancellationToken);
                return SmtpResponse.Ok;
            }

            private static string Address(SmtpServer.Mail.IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
        }

        private sealed class Authenticator(List<string> authenticated) : UserAuthenticator
        {
            public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
            {
                var ok = user == User && password == SmtpPassword;
                if (ok)
                {
                    lock (authenticated)
                    {
                        authenticated.Add(user);
                    }
                }
                return Task.FromResult(ok);
            }
        }
    }

    /// <summary>What the SMTP dialogue said: MAIL FROM and RCPT TO.</summary>
    public sealed record Envelope(string From, IReadOnlyList<string> To);
}
