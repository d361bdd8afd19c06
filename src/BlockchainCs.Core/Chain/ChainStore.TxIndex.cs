using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// The ids of the best chain's transactions. It tells "this output was spent" from "this transaction is unknown",
/// which the UTXO set alone cannot: the first is a double spend, the second an orphan waiting for its parent.
/// </summary>
public sealed partial class ChainStore
{
    public void AddTransactionIds(Block block)
    {
        foreach (var tx in block.Transactions)
            Cached("INSERT OR REPLACE INTO tx_index(txid, height) VALUES ($p0, $p1)", tx.Id.ToArray(), block.Height).ExecuteNonQuery();
    }

    public void RemoveTransactionIds(Block block)
    {
        foreach (var tx in block.Transactions)
            Cached("DELETE FROM tx_index WHERE txid = $p0", tx.Id.ToArray()).ExecuteNonQuery();
    }

    public bool HasTransaction(Hash256 txId)
    {
        using var reader = Cached("SELECT 1 FROM tx_index WHERE txid = $p0", txId.ToArray()).ExecuteReader();
        return reader.Read();
    }

    /// <summary>The best-chain height of a transaction's block, or null.</summary>
    public int? GetTransactionHeight(Hash256 txId)
    {
        using var reader = Cached("SELECT height FROM tx_index WHERE txid = $p0", txId.ToArray()).ExecuteReader();
        return reader.Read() ? reader.GetInt32(0) : null;
    }

    public void ClearTransactionIds() => Execute("DELETE FROM tx_index");
}
