using System.Diagnostics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Benchmarks;

/// <summary>
/// MiningRate measures how many nonces per second <see cref="Miner"/> tries: it mines a candidate that cannot be
/// solved (255 target bits) until the duration is over.
/// </summary>
public static class MiningRate
{
    /// <summary>Nonces per second over <paramref name="duration"/> with <paramref name="threads"/> threads (0 = all cores).</summary>
    public static double Measure(TimeSpan duration, int threads)
    {
        var random = new Random(42);
        var prev = new byte[Hash256.Size];
        var merkle = new byte[Hash256.Size];
        random.NextBytes(prev);
        random.NextBytes(merkle);
        var candidate = new Block(1_700_000_000, new Hash256(prev), new Hash256(merkle), ProofOfWork.MaxTargetBits, 0, 1, []);
        var miner = new Miner(threads);

        // Warm-up so the measured run does not include JIT compilation.
        using (var warmUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            miner.Mine(candidate, warmUp.Token);

        var before = miner.HashesTried;
        using var cts = new CancellationTokenSource(duration);
        var stopwatch = Stopwatch.StartNew();
        miner.Mine(candidate, cts.Token);
        stopwatch.Stop();
        return (miner.HashesTried - before) / stopwatch.Elapsed.TotalSeconds;
    }
}
