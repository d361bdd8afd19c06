using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// What the single writer did with a transaction: the ones it accepted (orphans it freed included), or why not. An
/// <see cref="Error"/> is a broken rule; a <see cref="Refusal"/> is policy (a full pool, refused lately): nobody misbehaved.
/// </summary>
public sealed record TxOutcome(IReadOnlyList<Transaction> Accepted, bool IsDuplicate, bool IsOrphan, RuleException? Error, string? Refusal = null)
{
    public static TxOutcome Duplicate { get; } = new([], true, false, null);

    public static TxOutcome Orphan { get; } = new([], false, true, null);

    public static TxOutcome Rejected(RuleException error) => new([], false, false, error);

    public static TxOutcome Refused(string reason) => new([], false, false, null, reason);
}
