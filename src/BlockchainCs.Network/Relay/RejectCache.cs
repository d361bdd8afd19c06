using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// Transactions refused lately, so an inv for one is not followed again (Bitcoin Core's recentRejects). Our transaction
/// id leaves the signatures out, so a refusal that depends on the signatures (a malleated, forged or high-S copy) is
/// keyed by the hash of the whole serialized transaction: the genuine transaction with the same id is still requested
/// and relayed. Refusals that depend only on what the id covers are keyed by the id. Bounded (two generations).
/// </summary>
public sealed class RejectCache(int capacity = 20_000)
{
    private readonly KnownInventory _ids = new(capacity);
    private readonly KnownInventory _fullHashes = new(capacity);

    /// <summary>Remembers a refused transaction under the key its refusal depends on.</summary>
    public void Add(Transaction tx, RuleErrorCode code)
    {
        if (DependsOnSignatures(code))
            _fullHashes.Add(FullHash(tx));
        else
            _ids.Add(tx.Id);
    }

    /// <summary>True when an announced id is known to be bad whatever its signatures are.</summary>
    public bool Contains(Hash256 txId) => _ids.Contains(txId);

    /// <summary>True when this exact transaction (signatures included) was refused, or its id was.</summary>
    public bool Contains(Transaction tx) => _ids.Contains(tx.Id) || _fullHashes.Contains(FullHash(tx));

    public static Hash256 FullHash(Transaction tx) => Hash256.Compute(tx.ToBytes());

    private static bool DependsOnSignatures(RuleErrorCode code) => code is RuleErrorCode.BadSignature or RuleErrorCode.WrongOwner
        or RuleErrorCode.TransactionTooLarge;
}
