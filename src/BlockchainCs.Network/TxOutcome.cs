using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>What the single writer did with a transaction: the ones it accepted (orphans it freed included), or why not.</summary>
public sealed record TxOutcome(IReadOnlyList<Transaction> Accepted, bool IsDuplicate, bool IsOrphan, RuleException? Error)
{
    public static TxOutcome Duplicate { get; } = new([], true, false, null);

    public static TxOutcome Orphan { get; } = new([], false, true, null);

    public static TxOutcome Rejected(RuleException error) => new([], false, false, error);
}
