using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// MerkleTree computes the tutorial's Merkle root: leaves are SHA-256 of each serialized transaction (signatures
/// included), a parent is SHA-256(left ‖ right), and a level with an odd count duplicates its last node. The tutorial
/// duplicates only at the leaf level and crashes higher up; this one handles every level. Duplicating the last node
/// lets two different transaction lists share a root ([a,b,c] and [a,b,c,c]); blocks with a repeated transaction are
/// rejected by validation, which closes that hole (CVE-2012-2459).
/// </summary>
public static class MerkleTree
{
    public static Hash256 LeafHash(Transaction tx) => Hash256.Compute(tx.ToBytes());

    public static Hash256 ComputeRoot(IReadOnlyList<Transaction> transactions)
    {
        var leaves = new Hash256[transactions.Count];
        for (var i = 0; i < leaves.Length; i++)
            leaves[i] = LeafHash(transactions[i]);
        return ComputeRoot(leaves);
    }

    /// <summary>The root of <paramref name="leaves"/>; the zero hash for an empty list.</summary>
    public static Hash256 ComputeRoot(ReadOnlySpan<Hash256> leaves)
    {
        if (leaves.Length == 0)
            return Hash256.Zero;
        var level = leaves.ToArray();
        var count = level.Length;
        Span<byte> pair = stackalloc byte[Hash256.Size * 2];
        Span<byte> digest = stackalloc byte[Hash256.Size];
        while (count > 1)
        {
            var parents = (count + 1) / 2;
            for (var i = 0; i < parents; i++)
            {
                var left = level[2 * i];
                var right = 2 * i + 1 < count ? level[2 * i + 1] : left;
                level[i] = HashPair(left, right, pair, digest);
            }

            count = parents;
        }

        return level[0];
    }

    /// <summary>SHA-256(left ‖ right): one internal node.</summary>
    public static Hash256 HashPair(Hash256 left, Hash256 right)
    {
        Span<byte> pair = stackalloc byte[Hash256.Size * 2];
        Span<byte> digest = stackalloc byte[Hash256.Size];
        return HashPair(left, right, pair, digest);
    }

    private static Hash256 HashPair(Hash256 left, Hash256 right, Span<byte> pair, Span<byte> digest)
    {
        left.CopyTo(pair);
        right.CopyTo(pair[Hash256.Size..]);
        SHA256.HashData(pair, digest);
        return new Hash256(digest);
    }
}
