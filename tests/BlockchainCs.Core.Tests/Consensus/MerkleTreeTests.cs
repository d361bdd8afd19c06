using System.Security.Cryptography;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Consensus;

/// <summary>Merkle roots worked out by hand with SHA-256 directly (an odd level duplicates its last node).</summary>
public sealed class MerkleTreeTests
{
    private static readonly Hash256[] s_leaves = Enumerable.Range(0, 7).Select(i => Hash256.Compute([(byte)i])).ToArray();

    private static Hash256 H(Hash256 left, Hash256 right) => new(SHA256.HashData([.. left.ToArray(), .. right.ToArray()]));

    private static Hash256 L(int i) => s_leaves[i];

    [Fact]
    public void ComputeRoot_NoLeaves_Zero() => Assert.Equal(Hash256.Zero, MerkleTree.ComputeRoot(ReadOnlySpan<Hash256>.Empty));

    [Fact]
    public void ComputeRoot_OneLeaf_IsTheLeaf() => Assert.Equal(L(0), MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 1)));

    [Fact]
    public void ComputeRoot_TwoLeaves_HashOfThePair() =>
        Assert.Equal(H(L(0), L(1)), MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 2)));

    [Fact]
    public void ComputeRoot_ThreeLeaves_LastLeafDuplicated() =>
        Assert.Equal(H(H(L(0), L(1)), H(L(2), L(2))), MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 3)));

    [Fact]
    public void ComputeRoot_FiveLeaves_DuplicatesOnEveryOddLevel()
    {
        var h01 = H(L(0), L(1));
        var h23 = H(L(2), L(3));
        var h44 = H(L(4), L(4));
        var expected = H(H(h01, h23), H(h44, h44));

        Assert.Equal(expected, MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 5)));
    }

    [Fact]
    public void ComputeRoot_SevenLeaves_LastLeafDuplicated()
    {
        var expected = H(H(H(L(0), L(1)), H(L(2), L(3))), H(H(L(4), L(5)), H(L(6), L(6))));

        Assert.Equal(expected, MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 7)));
    }

    [Fact]
    public void ComputeRoot_DoesNotChangeTheCallersLeaves()
    {
        var leaves = s_leaves.ToArray();

        MerkleTree.ComputeRoot(leaves.AsSpan());

        Assert.Equal(s_leaves, leaves);
    }

    [Fact]
    public void ComputeRoot_Transactions_LeavesAreSha256OfTheFullSerialization()
    {
        var a = Transaction.CreateCoinbase(new byte[20], 10, 1);
        var b = Transaction.CreateCoinbase(new byte[20], 10, 2);
        var leafA = new Hash256(SHA256.HashData(a.ToBytes()));
        var leafB = new Hash256(SHA256.HashData(b.ToBytes()));

        Assert.Equal(leafA, MerkleTree.LeafHash(a));
        Assert.Equal(H(leafA, leafB), MerkleTree.ComputeRoot([a, b]));
    }

    [Fact]
    public void ComputeRoot_LastTransactionRepeated_SameRoot()
    {
        // CVE-2012-2459: why blocks with a repeated transaction must be rejected (DuplicateTransaction).
        Assert.Equal(MerkleTree.ComputeRoot(s_leaves.AsSpan(0, 3)), MerkleTree.ComputeRoot([L(0), L(1), L(2), L(2)]));
    }

    [Fact]
    public void HashPair_IsSha256OfBothHashes() => Assert.Equal(H(L(3), L(5)), MerkleTree.HashPair(L(3), L(5)));
}
