using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// OrphanTransactionPool holds transactions whose inputs are unknown until their parent arrives: at most 100, each for
/// at most 20 minutes (Bitcoin Core's limits).
/// </summary>
public sealed class OrphanTransactionPool(TimeProvider time, int capacity = 100, TimeSpan? lifetime = null)
{
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromMinutes(20);
    private readonly Dictionary<Hash256, (Transaction Tx, DateTimeOffset Expires)> _entries = [];

    public int Count => _entries.Count;

    public bool Contains(Hash256 txId) => _entries.ContainsKey(txId);

    public void Add(Transaction tx)
    {
        ExpireOld();
        if (_entries.ContainsKey(tx.Id) || tx.Size > 100_000)
            return;
        if (_entries.Count >= capacity)
            _entries.Remove(_entries.MinBy(e => e.Value.Expires).Key);
        _entries[tx.Id] = (tx, time.GetUtcNow() + _lifetime);
    }

    /// <summary>Removes and returns the orphans that spend an output of <paramref name="parent"/>.</summary>
    public List<Transaction> TakeChildren(Hash256 parent)
    {
        ExpireOld();
        var children = _entries.Values.Select(e => e.Tx).Where(t => t.Inputs.Any(i => i.PrevOut.TxId == parent)).ToList();
        foreach (var child in children)
            _entries.Remove(child.Id);
        return children;
    }

    private void ExpireOld()
    {
        var now = time.GetUtcNow();
        foreach (var id in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            _entries.Remove(id);
    }
}
