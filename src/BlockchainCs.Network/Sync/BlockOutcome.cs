using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// What the single writer did with a block: the blocks it connected (pooled descendants included), or why it refused
/// it. <see cref="Status"/> is null when the block was invalid, or ignored (unrequested and not extending the tip).
/// </summary>
public sealed record BlockOutcome(BlockAddStatus? Status, IReadOnlyList<Block> Connected, RuleException? Error)
{
    public bool IsInvalid => Error is not null;

    public static BlockOutcome Invalid(RuleException error) => new(null, [], error);

    public static BlockOutcome Ignored { get; } = new(null, [], null);
}
