using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// What the single writer did with a block: the blocks it connected (pooled descendants included), or why it refused
/// it. <see cref="Status"/> is null when the block was invalid, ignored (unrequested and not extending the tip), or
/// deferred (it could not be written now: the disk is full).
/// </summary>
public sealed record BlockOutcome(BlockAddStatus? Status, IReadOnlyList<Block> Connected, RuleException? Error)
{
    public bool IsInvalid => Error is not null;

    /// <summary>Why the block could not be written now (null when it was).</summary>
    public string? Deferral { get; init; }

    public static BlockOutcome Deferred(string reason) => new(null, [], null) { Deferral = reason };

    public static BlockOutcome Invalid(RuleException error) => new(null, [], error);

    public static BlockOutcome Ignored { get; } = new(null, [], null);
}
