using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// The node's rules for its transaction pool (policy, not consensus: another node may choose others). The defaults
/// keep the tutorial working unchanged (no fee needed) while bounding what a flood of transactions can cost.
/// </summary>
public sealed record MempoolPolicy
{
    /// <summary>The pool's estimated memory (serialized bytes plus the objects that hold them), like Bitcoin's -maxmempool.</summary>
    public long MaxBytes { get; init; } = 50 * 1_000_000;

    /// <summary>A transaction still unconfirmed after this long leaves the pool, with its descendants (-mempoolexpiry).</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(336);

    /// <summary>The floor below which no transaction is accepted or relayed (-minrelaytxfee); 0 as in the tutorial.</summary>
    public FeeRate MinRelayFee { get; init; } = FeeRate.Zero;

    /// <summary>What an evicting transaction must pay above what it displaces (Bitcoin's incremental relay fee).</summary>
    public FeeRate IncrementalFee { get; init; } = new(1);

    /// <summary>How fast the minimum raised by evictions decays back, once a block came (halved when the pool is emptier).</summary>
    public TimeSpan RollingFeeHalfLife { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Bitcoin's package limits: chains of unconfirmed transactions stay short, so every walk over them is cheap.</summary>
    public int MaxAncestors { get; init; } = 25;

    public long MaxAncestorBytes { get; init; } = 101_000;

    public int MaxDescendants { get; init; } = 25;

    public long MaxDescendantBytes { get; init; } = 101_000;
}
