namespace BlockchainCs.Core.Tests.TestSupport;

/// <summary>A clock that only moves when told to, so block timestamps and the 2-hour rule are deterministic.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>2024-01-01T00:00:00Z: a fixed start that has nothing to do with the wall clock.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public DateTimeOffset UtcNow { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan by) => UtcNow += by;
}
