using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// UtxoSet is the tutorial's UTXOSet: the unspent outputs of the best chain, kept up to date block by block
/// (<c>Update</c> happens inside <see cref="Blockchain.AddBlock"/>) and rebuilt from scratch only by <see cref="Reindex"/>.
/// Lookups go through SQLite indexes, so their cost does not grow with the length of the chain.
/// </summary>
public sealed class UtxoSet
{
    private readonly Blockchain _chain;
    private readonly ChainStore _store;
    private readonly object _gate;

    internal UtxoSet(Blockchain chain, ChainStore store, object gate)
    {
        _chain = chain;
        _store = store;
        _gate = gate;
    }

    public UtxoEntry? Get(OutPoint outPoint)
    {
        lock (_gate)
            return _store.GetUtxo(outPoint);
    }

    /// <summary>The balance of an owner (the tutorial's getbalance).</summary>
    public long GetBalance(byte[] pubKeyHash)
    {
        lock (_gate)
            return _store.GetBalance(pubKeyHash);
    }

    /// <summary>Every output an owner can spend (the tutorial's FindUTXO).</summary>
    public List<UtxoEntry> FindByOwner(byte[] pubKeyHash)
    {
        lock (_gate)
            return _store.GetUtxosByOwner(pubKeyHash);
    }

    /// <summary>Outputs of an owner adding up to at least <paramref name="amount"/>, oldest first (the tutorial's FindSpendableOutputs).</summary>
    public (long Total, List<UtxoEntry> Outputs) FindSpendable(byte[] pubKeyHash, long amount, Func<OutPoint, bool>? exclude = null)
    {
        var chosen = new List<UtxoEntry>();
        long total = 0;
        foreach (var entry in FindByOwner(pubKeyHash))
        {
            if (total >= amount)
                break;
            if (exclude?.Invoke(entry.OutPoint) == true)
                continue;
            chosen.Add(entry);
            total += entry.Output.Value;
        }

        return (total, chosen);
    }

    /// <summary>How many distinct transactions have unspent outputs (the tutorial's CountTransactions).</summary>
    public long CountTransactions()
    {
        lock (_gate)
            return _store.CountUtxos().Transactions;
    }

    public long CountOutputs()
    {
        lock (_gate)
            return _store.CountUtxos().Outputs;
    }

    /// <summary>A digest of the whole set in a fixed order: two nodes with equal digests hold the same UTXO set.</summary>
    public Hash256 ComputeDigest()
    {
        lock (_gate)
            return ComputeDigestLocked();
    }

    /// <summary>The digest, for a caller that holds the chain's lock (and perhaps a read snapshot).</summary>
    internal Hash256 ComputeDigestLocked()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in _store.EnumerateUtxos())
        {
            var writer = new Serialization.ByteWriter(128);
            writer.WriteHash(entry.OutPoint.TxId);
            writer.WriteUInt32(entry.OutPoint.Index);
            entry.Output.Write(writer);
            writer.WriteInt32(entry.Height);
            writer.WriteByte(entry.IsCoinbase ? (byte)1 : (byte)0);
            hash.AppendData(writer.WrittenSpan);
        }

        return new Hash256(hash.GetHashAndReset());
    }

    /// <summary>Rebuilds the set from the best chain's blocks (the tutorial's Reindex), in one transaction.</summary>
    /// <summary>Rebuilds the set from the best chain's blocks; <paramref name="progress"/> hears (height done, best height).</summary>
    public void Reindex(Action<int, int>? progress = null) => _chain.RebuildUtxoSet(progress);
}
