using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// BIP 37's partial Merkle tree: the smallest part of a block's Merkle tree that proves which of its transactions
/// match, walked depth first — one flag bit per node visited (1: an ancestor of a match, descend; 0: stop, its hash
/// follows), and the hashes of the nodes where the walk stops. Bitcoin Core's encoding (flags packed least-significant
/// bit first); our leaves are <see cref="MerkleTree.LeafHash"/> (SHA-256 of the whole transaction) and parents one
/// SHA-256, as in <see cref="MerkleTree"/>. <see cref="ExtractMatches"/> refuses everything Core's does, the
/// duplicated-subtree trick of CVE-2012-2459 included.
/// </summary>
public sealed class PartialMerkleTree
{
    private readonly List<bool> _bits;
    private readonly List<Hash256> _hashes;

    private PartialMerkleTree(uint transactionCount, List<Hash256> hashes, List<bool> bits)
    {
        TransactionCount = transactionCount;
        _hashes = hashes;
        _bits = bits;
    }

    public uint TransactionCount { get; }

    public IReadOnlyList<Hash256> Hashes => _hashes;

    /// <summary>The flag bits packed into bytes, least-significant bit first.</summary>
    public byte[] Flags
    {
        get
        {
            var bytes = new byte[(_bits.Count + 7) / 8];
            for (var i = 0; i < _bits.Count; i++)
                if (_bits[i])
                    bytes[i / 8] |= (byte)(1 << (i % 8));
            return bytes;
        }
    }

    /// <summary>Builds the tree for leaves <paramref name="leaves"/>, where <paramref name="matches"/> marks the ones to prove.</summary>
    public static PartialMerkleTree Build(IReadOnlyList<Hash256> leaves, IReadOnlyList<bool> matches)
    {
        if (leaves.Count == 0 || leaves.Count != matches.Count)
            throw new ArgumentException("one match flag per leaf, and at least one leaf", nameof(matches));
        var tree = new PartialMerkleTree((uint)leaves.Count, [], []);
        tree.Build(tree.Height(), 0, leaves, matches);
        return tree;
    }

    /// <summary>A tree as a merkleblock carries it: the count, the hashes and the packed flags.</summary>
    public static PartialMerkleTree FromParts(uint transactionCount, IReadOnlyList<Hash256> hashes, ReadOnlySpan<byte> flags)
    {
        var bits = new List<bool>(flags.Length * 8);
        foreach (var b in flags)
            for (var i = 0; i < 8; i++)
                bits.Add((b & (1 << i)) != 0);
        return new PartialMerkleTree(transactionCount, [.. hashes], bits);
    }

    /// <summary>
    /// The root the tree proves, with the matched leaves and their positions in the block, in block order; null when
    /// the tree is malformed: no transactions, more than a block holds, more hashes than transactions, fewer bits than
    /// hashes, bits or hashes left over, or a left child equal to its right (CVE-2012-2459). The caller compares the
    /// root with the header's.
    /// </summary>
    public (Hash256 Root, List<Hash256> Matches, List<int> Positions)? ExtractMatches()
    {
        if (TransactionCount == 0 || TransactionCount > Block.MaxTransactions)
            return null;
        if (_hashes.Count > TransactionCount || _bits.Count < _hashes.Count)
            return null;
        var walk = new Walk();
        var matches = new List<Hash256>();
        var positions = new List<int>();
        var root = Extract(Height(), 0, walk, matches, positions);
        if (walk.Bad)
            return null;
        // Every hash used, and no whole byte of flags left unread (the last byte's padding bits are free).
        if ((walk.BitsUsed + 7) / 8 != (_bits.Count + 7) / 8 || walk.HashesUsed != _hashes.Count)
            return null;
        return (root, matches, positions);
    }

    private int Height()
    {
        var height = 0;
        while (Width(height) > 1)
            height++;
        return height;
    }

    private uint Width(int height) => (uint)((TransactionCount + (1UL << height) - 1) >> height);

    private static Hash256 Compute(int height, uint position, IReadOnlyList<Hash256> leaves, Func<int, uint> width)
    {
        if (height == 0)
            return leaves[(int)position];
        var left = Compute(height - 1, position * 2, leaves, width);
        var right = position * 2 + 1 < width(height - 1) ? Compute(height - 1, position * 2 + 1, leaves, width) : left;
        return MerkleTree.HashPair(left, right);
    }

    private void Build(int height, uint position, IReadOnlyList<Hash256> leaves, IReadOnlyList<bool> matches)
    {
        var first = (ulong)position << height;
        var end = Math.Min(((ulong)position + 1) << height, TransactionCount);
        var parentOfMatch = false;
        for (var p = first; p < end && !parentOfMatch; p++)
            parentOfMatch = matches[(int)p];
        _bits.Add(parentOfMatch);
        if (height == 0 || !parentOfMatch)
        {
            _hashes.Add(Compute(height, position, leaves, Width));
            return;
        }

        Build(height - 1, position * 2, leaves, matches);
        if (position * 2 + 1 < Width(height - 1))
            Build(height - 1, position * 2 + 1, leaves, matches);
    }

    private Hash256 Extract(int height, uint position, Walk walk, List<Hash256> matches, List<int> positions)
    {
        if (walk.BitsUsed >= _bits.Count)
        {
            walk.Bad = true;
            return Hash256.Zero;
        }

        var parentOfMatch = _bits[walk.BitsUsed++];
        if (height == 0 || !parentOfMatch)
        {
            if (walk.HashesUsed >= _hashes.Count)
            {
                walk.Bad = true;
                return Hash256.Zero;
            }

            var hash = _hashes[walk.HashesUsed++];
            if (height == 0 && parentOfMatch)
            {
                matches.Add(hash);
                positions.Add((int)position);
            }

            return hash;
        }

        var left = Extract(height - 1, position * 2, walk, matches, positions);
        var right = left;
        if (position * 2 + 1 < Width(height - 1))
        {
            right = Extract(height - 1, position * 2 + 1, walk, matches, positions);
            if (right == left)
                walk.Bad = true; // two equal children: the duplicated-subtree trick (CVE-2012-2459)
        }

        return MerkleTree.HashPair(left, right);
    }

    /// <summary>Where a walk of the flags and hashes is.</summary>
    private sealed class Walk
    {
        public int BitsUsed;
        public int HashesUsed;
        public bool Bad;
    }
}
