using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// Transactions whose inputs are unknown until their parent arrives: at most 100 and 5 MiB, each for at most 20
/// minutes (Bitcoin Core's limits, plus a byte budget), and one peer may fill at most a quarter of it. Owned by the
/// single writer: no locks.
/// </summary>
public sealed class OrphanTransactionPool(TimeProvider time, int maxCount = 100, long maxBytes = 5 * 1024 * 1024, TimeSpan? lifetime = null)
{
    /// <summary>A transaction larger than this is never kept as an orphan.</summary>
    public const int MaxTransactionSize = 100_000;

    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromMinutes(20);
    private readonly Dictionary<Hash256, Entry> _entries = [];
    private long _bytes;

    public int MaxCount => maxCount;

    public long MaxBytes => maxBytes;

    public int Count => _entries.Count;

    public long Bytes => _bytes;

    public bool Contains(Hash256 txId) => _entries.ContainsKey(txId);

    /// <summary>Keeps an orphan from <paramref name="source"/>; false when it is known or too large. Full: the oldest leave first, the source's own first.</summary>
    public bool Add(Transaction tx, Peer? source)
    {
        ExpireOld();
        var size = tx.Size;
        if (_entries.ContainsKey(tx.Id) || size > MaxTransactionSize)
            return false;
        while (_entries.Values.Where(e => e.Source == source) is var own && (own.Count() + 1 > Math.Max(1, maxCount / 4)
            || own.Sum(e => (long)e.Size) + size > maxBytes / 4))
            Remove(own.MinBy(e => e.Expires)!.Tx.Id);
        while (_entries.Count + 1 > maxCount || _bytes + size > maxBytes)
            Remove(_entries.Values.MinBy(e => e.Expires)!.Tx.Id);
        _entries[tx.Id] = new Entry(tx, size, source, time.GetUtcNow() + _lifetime);
        _bytes += size;
        return true;
    }

    /// <summary>Removes and returns the orphans that spend an output of <paramref name="parent"/>.</summary>
    public List<Transaction> TakeChildren(Hash256 parent)
    {
        ExpireOld();
        var children = _entries.Values.Select(e => e.Tx).Where(t => t.Inputs.Any(i => i.PrevOut.TxId == parent)).ToList();
        foreach (var child in children)
            Remove(child.Id);
        return children;
    }

    private void Remove(Hash256 id)
    {
        if (_entries.Remove(id, out var entry))
            _bytes -= entry.Size;
    }

    private void ExpireOld()
    {
        var now = time.GetUtcNow();
        foreach (var id in _entries.Values.Where(e => e.Expires <= now).Select(e => e.Tx.Id).ToList())
            Remove(id);
    }

    private sealed record Entry(Transaction Tx, int Size, Peer? Source, DateTimeOffset Expires);
}
