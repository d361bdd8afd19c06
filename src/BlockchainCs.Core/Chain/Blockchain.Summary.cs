namespace BlockchainCs.Core.Chain;

public sealed partial class Blockchain
{
    /// <summary>
    /// The tip, the UTXO digest and counts in one read transaction: while another process (a running node) writes,
    /// they still describe the same height. The tip is read from the database, not from what this process cached.
    /// </summary>
    public ChainSummary Summarize()
    {
        lock (_gate)
        {
            using var snapshot = _store.BeginRead();
            var tip = ReadTip();
            var (outputs, transactions) = _store.CountUtxos();
            return new ChainSummary(tip, Utxo.ComputeDigestLocked(), outputs, transactions);
        }
    }
}
