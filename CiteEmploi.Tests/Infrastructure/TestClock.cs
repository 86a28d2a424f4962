namespace CiteEmploi.Tests.Infrastructure;

/// <summary>A clock a test sets and moves: what the services read as « now ».</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
