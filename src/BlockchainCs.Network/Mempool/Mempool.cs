using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// Mempool holds validated, unconfirmed transactions (the tutorial's mempool map, with its TODO "verify" done). It
/// refuses a transaction that spends an output another one already spends, accepts transactions that spend outputs of
/// other unconfirmed ones, and follows the chain: what a block confirms or conflicts with leaves, what a
/// reorganisation disconnects comes back when still valid. Used only from the node's single writer, but locked so
/// readers (the miner, getdata) on other threads see it whole.
/// </summary>
public sealed class Mempool(Blockchain chain, int capacity = 50_000, long maxBytes = 50 * 1024 * 1024)
{
    private readonly object _gate = new();
    private long _bytes;
    private readonly Dictionary<Hash256, MempoolEntry> _entries = [];
    private readonly Dictionary<OutPoint, Hash256> _spentBy = [];

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    /// <summary>Serialized bytes of the transactions held.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
                return _bytes;
        }
    }

    public bool Contains(Hash256 txId)
    {
        lock (_gate)
            return _entries.ContainsKey(txId);
    }

    public Transaction? Get(Hash256 txId)
    {
        lock (_gate)
            return _entries.TryGetValue(txId, out var entry) ? entry.Transaction : null;
    }

    public List<Hash256> Ids()
    {
        lock (_gate)
            return [.. _entries.Keys];
    }

    /// <summary>Every entry, oldest first (saving the pool, rebroadcasting what waits too long).</summary>
    public List<MempoolEntry> Entries()
    {
        lock (_gate)
            return [.. _entries.Values.OrderBy(e => e.Added)];
    }

    /// <summary>True when an unconfirmed transaction already spends <paramref name="outPoint"/>.</summary>
    public bool IsSpent(OutPoint outPoint)
    {
        lock (_gate)
            return _spentBy.ContainsKey(outPoint);
    }

    /// <summary>
    /// Validates and adds a transaction. Throws <see cref="RuleException"/> (MissingInput when a parent is unknown,
    /// DoubleSpend on a conflict, …) when it breaks a rule, and <see cref="PolicyException"/> when it is valid but the
    /// pool is full (nobody misbehaved); returns false when it is already here.
    /// </summary>
    public bool TryAdd(Transaction tx, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_entries.ContainsKey(tx.Id))
                return false;
            if (tx.IsCoinbase)
                throw new RuleException(RuleErrorCode.CoinbaseNotAllowed, $"coinbase {tx.Id} cannot be relayed loose");
            foreach (var input in tx.Inputs)
                if (_spentBy.TryGetValue(input.PrevOut, out var other))
                    throw new RuleException(RuleErrorCode.DoubleSpend, $"transaction {tx.Id} spends {input.PrevOut}, already spent by unconfirmed {other}");
            var size = tx.Size;
            if (_entries.Count >= capacity || _bytes + size > maxBytes)
                throw new PolicyException($"the mempool is full ({_entries.Count} transactions, {_bytes / 1024} KiB)");

            var fee = chain.CheckTransaction(tx, PendingOutput);
            _entries[tx.Id] = new MempoolEntry(tx, fee, now, size);
            _bytes += size;
            foreach (var input in tx.Inputs)
                _spentBy[input.PrevOut] = tx.Id;
            return true;
        }
    }

    /// <summary>An output created by an unconfirmed transaction (lets one unconfirmed transaction spend another's change).</summary>
    private TxOutput? PendingOutput(OutPoint outPoint) =>
        _entries.TryGetValue(outPoint.TxId, out var parent) && outPoint.Index < parent.Transaction.Outputs.Count
            ? parent.Transaction.Outputs[(int)outPoint.Index]
            : null;

    /// <summary>
    /// Transactions for a block, parents before children, and their total fee. Outputs of unconfirmed parents are
    /// only spent after the parent is taken.
    /// </summary>
    public (List<Transaction> Transactions, long Fees) SelectForBlock(int max = 2_000)
    {
        lock (_gate)
        {
            var chosen = new List<Transaction>();
            var taken = new HashSet<Hash256>();
            long fees = 0;
            var progress = true;
            while (progress && chosen.Count < max)
            {
                progress = false;
                foreach (var entry in _entries.Values.OrderBy(e => e.Added))
                {
                    if (chosen.Count >= max || taken.Contains(entry.Transaction.Id))
                        continue;
                    var ready = entry.Transaction.Inputs.All(i => !_entries.ContainsKey(i.PrevOut.TxId) || taken.Contains(i.PrevOut.TxId));
                    if (!ready)
                        continue;
                    chosen.Add(entry.Transaction);
                    taken.Add(entry.Transaction.Id);
                    fees += entry.Fee;
                    progress = true;
                }
            }

            return (chosen, fees);
        }
    }

    /// <summary>
    /// Follows a change of the best chain: drops what is confirmed or conflicting, takes back what was disconnected.
    /// Returns the transactions taken back, for the caller to announce (the winning side's miners never heard of them).
    /// </summary>
    public IReadOnlyList<Transaction> OnChainChanged(BlockAddResult result, DateTimeOffset now)
    {
        var returned = new List<Transaction>();
        lock (_gate)
        {
            foreach (var block in result.Connected)
            {
                foreach (var tx in block.Transactions)
                {
                    Remove(tx.Id);
                    if (tx.IsCoinbase)
                        continue;
                    foreach (var input in tx.Inputs)
                        if (_spentBy.TryGetValue(input.PrevOut, out var conflicting))
                            RemoveWithDescendants(conflicting);
                }
            }

            // Transactions of disconnected blocks that are still valid on the new chain come back (oldest block first).
            for (var b = result.Disconnected.Count - 1; b >= 0; b--)
            {
                foreach (var tx in result.Disconnected[b].Transactions.Skip(1))
                {
                    try
                    {
                        TryAdd(tx, now);
                        returned.Add(tx);
                    }
                    catch (Exception e) when (e is RuleException or PolicyException)
                    {
                        // Spent or invalidated by the new chain (or no room left): gone for good.
                    }
                }
            }

            // Entries whose inputs the new chain no longer provides are dropped. Only a disconnect can take inputs away:
            // on a plain connect, what the block spent was removed above with its descendants.
            if (result.Disconnected.Count == 0)
                return returned;
            foreach (var id in _entries.Keys.ToList())
            {
                if (!_entries.TryGetValue(id, out var entry))
                    continue;
                try
                {
                    chain.CheckTransaction(entry.Transaction, PendingOutput);
                }
                catch (RuleException)
                {
                    RemoveWithDescendants(id);
                }
            }

            return [.. returned.Where(tx => _entries.ContainsKey(tx.Id))];
        }
    }

    private void RemoveWithDescendants(Hash256 txId)
    {
        if (!_entries.TryGetValue(txId, out var entry))
            return;
        Remove(txId);
        for (var i = 0; i < entry.Transaction.Outputs.Count; i++)
            if (_spentBy.TryGetValue(new OutPoint(txId, (uint)i), out var child))
                RemoveWithDescendants(child);
    }

    private void Remove(Hash256 txId)
    {
        if (!_entries.Remove(txId, out var entry))
            return;
        _bytes -= entry.Size;
        foreach (var input in entry.Transaction.Inputs)
            if (_spentBy.TryGetValue(input.PrevOut, out var spender) && spender == txId)
                _spentBy.Remove(input.PrevOut);
    }
}
