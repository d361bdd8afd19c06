using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// OrphanTransactionPool holds transactions whose inputs are unknown until their parent arrives: at most 100, each for
/// at most 20 minutes (Bitcoin Core's limits). Used by the single writer; locked so other threads can read <see cref="Count"/>.
/// </summary>
public sealed class OrphanTransactionPool(TimeProvider time, int capacity = 100, TimeSpan? lifetime = null)
{
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromMinutes(20);
    private readonly Dictionary<Hash256, (Transaction Tx, DateTimeOffset Expires)> _entries = [];

    public int Capacity => capacity;

    /// <summary>The orphans not expired yet.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                ExpireOld();
                return _entries.Count;
            }
        }
    }

    public bool Contains(Hash256 txId)
    {
        lock (_entries)
        {
            ExpireOld();
            return _entries.ContainsKey(txId);
        }
    }

    /// <summary>Keeps an orphan; false when it was known or is too large. A full pool drops its oldest entry.</summary>
    public bool Add(Transaction tx)
    {
        lock (_entries)
        {
            ExpireOld();
            if (_entries.ContainsKey(tx.Id) || tx.Size > 100_000)
                return false;
            if (_entries.Count >= capacity)
                _entries.Remove(_entries.MinBy(e => e.Value.Expires).Key);
            _entries[tx.Id] = (tx, time.GetUtcNow() + _lifetime);
            return true;
        }
    }

    /// <summary>Removes and returns the orphans that spend an output of <paramref name="parent"/>.</summary>
    public List<Transaction> TakeChildren(Hash256 parent)
    {
        lock (_entries)
        {
            ExpireOld();
            var children = _entries.Values.Select(e => e.Tx).Where(t => t.Inputs.Any(i => i.PrevOut.TxId == parent)).ToList();
            foreach (var child in children)
                _entries.Remove(child.Id);
            return children;
        }
    }

    private void ExpireOld()
    {
        var now = time.GetUtcNow();
        foreach (var id in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            _entries.Remove(id);
    }
}
