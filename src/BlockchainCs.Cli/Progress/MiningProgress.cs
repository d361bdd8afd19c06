using System.Diagnostics;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Cli.Progress;

/// <summary>Mining where a person waits (send -mine, createblockchain at a high --target-bits): nonces, rate, elapsed.</summary>
public static class MiningProgress
{
    /// <summary>Mines <paramref name="candidate"/>; null when cancelled.</summary>
    public static Block? Mine(Miner miner, Block candidate, string what, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var start = miner.HashesTried;
        var (block, shown) = WaitDisplay.Run(() => miner.Mine(candidate, cancellationToken), () =>
        {
            var nonces = miner.HashesTried - start;
            var rate = nonces / Math.Max(0.001, clock.Elapsed.TotalSeconds);
            // On average 2^targetBits nonces find a block.
            var expected = Math.Pow(2, candidate.TargetBits) / Math.Max(1, rate);
            return $"Mining {what}: {nonces:N0} nonces, {rate / 1e6:0.00} MH/s, {clock.Elapsed.TotalSeconds:0} s " +
                $"(about {expected:0} s expected at {candidate.TargetBits} bits)";
        });
        if (shown && block is not null)
            Console.Error.WriteLine($"Mined {what} in {clock.Elapsed.TotalSeconds:0.0} s ({miner.HashesTried - start:N0} nonces)");
        return block;
    }
}
