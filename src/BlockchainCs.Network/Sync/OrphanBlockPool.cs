using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// Blocks we hold in memory but have not stored: orphans (their parent is unknown yet) and blocks of a side branch
/// that is not heavier than the best chain (they are handed to the chain as ancestors once their branch outweighs
/// it). Bounded in bytes and in count, and each peer may fill at most a quarter of it, so one peer's junk evicts its
/// own blocks first; beyond that the oldest leave first. Owned by the single writer: no locks.
/// </summary>
public sealed class OrphanBlockPool(long maxBytes = 16 * 1024 * 1024, int maxCount = 100)
{
    private readonly Dictionary<Hash256, Entry> _byHash = [];
    private readonly LinkedList<Hash256> _order = new();
    private long _bytes;

    public long MaxBytes => maxBytes;

    public int MaxCount => maxCount;

    public int Count => _byHash.Count;

    public long Bytes => _bytes;

    /// <summary>The most one peer's blocks may take: a quarter of each budget.</summary>
    public long MaxBytesPerPeer => maxBytes / 4;

    public bool Contains(Hash256 hash) => _byHash.ContainsKey(hash);

    /// <summary>Keeps a block sent by <paramref name="source"/> (null for ourselves); false when it cannot fit at all.</summary>
    public bool Add(Block block, int size, Peer? source)
    {
        if (_byHash.ContainsKey(block.Hash) || size > MaxBytesPerPeer)
            return false;
        while (BytesOf(source) + size > MaxBytesPerPeer || CountOf(source) + 1 > Math.Max(1, maxCount / 4))
            Remove(_byHash.Values.Where(e => e.Source == source).MinBy(e => e.Sequence)!.Block.Hash);
        while (_bytes + size > maxBytes || _byHash.Count + 1 > maxCount)
            Remove(_order.First!.Value);
        var node = _order.AddLast(block.Hash);
        _byHash[block.Hash] = new Entry(block, size, source, node, _nextSequence++);
        _bytes += size;
        return true;
    }

    private long _nextSequence;

    /// <summary>The pooled ancestors of <paramref name="block"/>, oldest first (the branch the pool holds below it).</summary>
    public List<Block> AncestorsOf(Block block)
    {
        var ancestors = new List<Block>();
        var prev = block.PrevHash;
        while (_byHash.TryGetValue(prev, out var parent) && ancestors.Count < maxCount)
        {
            ancestors.Add(parent.Block);
            prev = parent.Block.PrevHash;
        }

        ancestors.Reverse();
        return ancestors;
    }

    /// <summary>The pooled blocks whose parent is <paramref name="parent"/>.</summary>
    public List<Block> ChildrenOf(Hash256 parent) => [.. _byHash.Values.Where(e => e.Block.PrevHash == parent).Select(e => e.Block)];

    /// <summary>Every pooled block that descends from <paramref name="root"/> (children, their children, …).</summary>
    public List<Block> DescendantsOf(Hash256 root)
    {
        var found = new List<Block>();
        var parents = new Queue<Hash256>([root]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in ChildrenOf(parent))
            {
                found.Add(child);
                parents.Enqueue(child.Hash);
            }
        }

        return found;
    }

    /// <summary>The first block we lack below a pooled block: what to ask for to connect it.</summary>
    public Hash256 MissingRoot(Block block)
    {
        var root = block;
        while (_byHash.TryGetValue(root.PrevHash, out var parent))
            root = parent.Block;
        return root.PrevHash;
    }

    public void Remove(Hash256 hash)
    {
        if (!_byHash.Remove(hash, out var entry))
            return;
        _order.Remove(entry.Node);
        _bytes -= entry.Size;
    }

    private long BytesOf(Peer? source) => _byHash.Values.Where(e => e.Source == source).Sum(e => (long)e.Size);

    private int CountOf(Peer? source) => _byHash.Values.Count(e => e.Source == source);

    private sealed record Entry(Block Block, int Size, Peer? Source, LinkedListNode<Hash256> Node, long Sequence);
}
