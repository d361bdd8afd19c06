using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// OrphanBlockPool keeps blocks whose parent is not known yet, bounded in count (the oldest leaves first), so a chain of
/// orphans that never connects cannot use unbounded memory.
/// </summary>
public sealed class OrphanBlockPool(int capacity = 500)
{
    private readonly Dictionary<Hash256, Block> _byHash = [];
    private readonly Queue<Hash256> _order = new();

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_byHash)
                return _byHash.Count;
        }
    }

    public bool Contains(Hash256 hash)
    {
        lock (_byHash)
            return _byHash.ContainsKey(hash);
    }

    public void Add(Block block)
    {
        lock (_byHash)
        {
            if (!_byHash.TryAdd(block.Hash, block))
                return;
            _order.Enqueue(block.Hash);
            while (_byHash.Count > capacity && _order.TryDequeue(out var oldest))
                _byHash.Remove(oldest);
            // Hashes taken out by TakeChildren stay queued; drop them before the queue outgrows the pool.
            if (_order.Count > 2 * capacity + 16)
            {
                var live = _order.Where(_byHash.ContainsKey).ToList();
                _order.Clear();
                foreach (var hash in live)
                    _order.Enqueue(hash);
            }
        }
    }

    /// <summary>Removes and returns the orphans whose parent is <paramref name="parent"/>.</summary>
    public List<Block> TakeChildren(Hash256 parent)
    {
        lock (_byHash)
        {
            var children = _byHash.Values.Where(b => b.PrevHash == parent).ToList();
            foreach (var child in children)
                _byHash.Remove(child.Hash);
            return children;
        }
    }

    /// <summary>The first ancestor we lack for an orphan: walks up through the pool.</summary>
    public Hash256 MissingRoot(Block orphan)
    {
        lock (_byHash)
        {
            var root = orphan;
            while (_byHash.TryGetValue(root.PrevHash, out var parent))
                root = parent;
            return root.PrevHash;
        }
    }
}
