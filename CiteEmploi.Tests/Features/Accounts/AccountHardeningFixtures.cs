using System.Collections.Concurrent;
using CiteEmploi.Tests.EndToEnd;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Tests.Features.Accounts;

/// <summary>Every line the app writes to its log, kept for the test to read (the operator's console, as it would show).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
    }
}

/// <summary>Identity's own password hasher, counting the passwords it checks (the work a sign-in does, without a clock).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>An app with a captured mailbox, a counting password hasher, and an administrator.</summary>
public sealed class SignInFixture : AppFixture
{
    public CapturingEmailSender Mail { get; } = new();

    public CountingPasswordHasher Hasher { get; } = new();

    protected override CiteEmploiApp CreateApp() => new(testServices: services =>
    {
        services.RemoveAll<IEmailSender>();
        services.AddSingleton<IEmailSender>(Mail);
        services.RemoveAll<IPasswordHasher<AppUser>>();
        services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
    });
}

/// <summary>An app without SMTP (as after a plain install) whose log lines are captured, with an administrator.</summary>
public sealed class NoSmtpFixture : AppFixture
{
    public CapturingLoggerProvider Log { get; } = new();

    protected override CiteEmploiApp CreateApp() => new(testServices: services => services.AddSingleton<ILoggerProvider>(Log));
}

/// <summary>An app whose public address is https (behind a TLS proxy), with an administrator.</summary>
public sealed class HttpsPublicAddressFixture : AppFixture
{
    public const string PublicUrl = "https://citeemploi.example";

    protected override CiteEmploiApp CreateApp() => new(settings: new Dictionary<string, string?> { ["CiteEmploi:PublicUrl"] = PublicUrl });
}
