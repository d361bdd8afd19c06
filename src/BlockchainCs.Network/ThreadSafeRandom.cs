namespace BlockchainCs.Network;

/// <summary>
/// A <see cref="Random"/> that many threads may share and a test may seed: the node's one source of randomness
/// (nonces, dial order, stall retries, address book keys), so a seeded test runs the same way every time.
/// </summary>
public sealed class ThreadSafeRandom(int? seed = null) : Random
{
    private readonly Random _inner = seed is { } value ? new Random(value) : new Random();
    private readonly Lock _gate = new();

    public override int Next() => With(r => r.Next());

    public override int Next(int maxValue) => With(r => r.Next(maxValue));

    public override int Next(int minValue, int maxValue) => With(r => r.Next(minValue, maxValue));

    public override long NextInt64() => With(r => r.NextInt64());

    public override long NextInt64(long minValue, long maxValue) => With(r => r.NextInt64(minValue, maxValue));

    public override double NextDouble() => With(r => r.NextDouble());

    public override void NextBytes(byte[] buffer) => With(r =>
    {
        r.NextBytes(buffer);
        return 0;
    });

    public override void NextBytes(Span<byte> buffer)
    {
        var bytes = new byte[buffer.Length];
        NextBytes(bytes);
        bytes.CopyTo(buffer);
    }

    protected override double Sample() => NextDouble();

    private T With<T>(Func<Random, T> draw)
    {
        lock (_gate)
            return draw(_inner);
    }
}
