using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>Checking loose transactions against the chain and building candidate blocks (for the mempool and the miner).</summary>
public sealed partial class Blockchain
{
    /// <summary>
    /// Fully validates a transaction that is not in a block: sanity, inputs unspent (in the UTXO set or, through
    /// <paramref name="pending"/>, created by another unconfirmed transaction), owner, amounts and signatures.
    /// Returns the fee. Throws <see cref="RuleException"/>. <paramref name="checkFee"/> sees the fee before the signatures
    /// are verified, so a policy refusal (a low fee) costs no signature check.
    /// </summary>
    public long CheckTransaction(Transaction tx, Func<OutPoint, TxOutput?>? pending = null, Action<long>? checkFee = null)
    {
        TransactionRules.CheckSanity(tx);
        var spent = new TxOutput[tx.Inputs.Count];
        lock (_gate)
        {
            for (var i = 0; i < tx.Inputs.Count; i++)
            {
                var prevOut = tx.Inputs[i].PrevOut;
                spent[i] = _store.GetUtxo(prevOut)?.Output ?? pending?.Invoke(prevOut)
                    ?? throw new RuleException(RuleErrorCode.MissingInput, $"transaction {tx.Id} spends {prevOut}, which is not an unspent output");
            }
        }

        var fee = TransactionRules.CheckInputs(tx, spent);
        checkFee?.Invoke(fee);
        Verifier.Verify(tx, spent);
        return fee;
    }

    /// <summary>
    /// A block on the current tip holding a coinbase to <paramref name="minerPubKeyHash"/> (subsidy plus fees) and
    /// <paramref name="transactions"/>, ready for the miner (the tutorial's MineBlock before Run).
    /// </summary>
    public Block BuildCandidate(IReadOnlyList<Transaction> transactions, byte[] minerPubKeyHash, long fees, string? note = null)
    {
        var tip = Tip;
        var height = tip.Height + 1;
        var coinbase = Transaction.CreateCoinbase(minerPubKeyHash, ChainParameters.Subsidy + fees, height, note);
        var all = new List<Transaction>(transactions.Count + 1) { coinbase };
        all.AddRange(transactions);
        var timestamp = Math.Max(_time.GetUtcNow().ToUnixTimeSeconds(), 0);
        return new Block(timestamp, tip.Hash, MerkleTree.ComputeRoot(all), Parameters.TargetBits, 0, height, all);
    }
}
