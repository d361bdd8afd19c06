using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Consensus;

/// <summary>
/// BIP 37 partial Merkle trees, as Bitcoin Core's pmt_tests do it: many sizes, random matches (seeded), the root equal
/// to <see cref="MerkleTree"/>'s, the matches back in order with their positions, every damaged hash changing the root,
/// and each malformed tree refused.
/// </summary>
public sealed class PartialMerkleTreeTests
{
    private static Hash256[] Leaves(int count, int salt = 0) =>
        [.. Enumerable.Range(0, count).Select(i => Hash256.Compute(BitConverter.GetBytes((salt * 100_000) + i)))];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(56)]
    [InlineData(100)]
    [InlineData(127)]
    [InlineData(256)]
    [InlineData(312)]
    [InlineData(513)]
    [InlineData(1000)]
    [InlineData(4095)]
    public void RandomMatches_RootAndMatchesComeBack_AnyDamagedHashChangesTheRoot(int count)
    {
        var random = new Random(count);
        var leaves = Leaves(count);
        var root = MerkleTree.ComputeRoot(leaves);
        foreach (var rate in new[] { 0.0, 0.01, 0.1, 0.5, 1.0 })
        {
            var matches = leaves.Select(_ => random.NextDouble() < rate).ToArray();
            var tree = PartialMerkleTree.Build(leaves, matches);
            Assert.True(tree.Hashes.Count <= count);

            // Through the wire's parts, as a client receives it.
            var received = PartialMerkleTree.FromParts(tree.TransactionCount, tree.Hashes, tree.Flags);
            var (extractedRoot, found, positions) = received.ExtractMatches() ?? throw new InvalidOperationException("a well-formed tree was refused");
            Assert.Equal(root, extractedRoot);
            var expected = Enumerable.Range(0, count).Where(i => matches[i]).ToList();
            Assert.Equal(expected, positions);
            Assert.Equal(expected.Select(i => leaves[i]), found);

            // Damaging any one hash changes the root it proves.
            for (var i = 0; i < tree.Hashes.Count; i += Math.Max(1, tree.Hashes.Count / 8))
            {
                var damaged = tree.Hashes.ToArray();
                damaged[i] = Hash256.Compute(damaged[i].ToArray());
                var result = PartialMerkleTree.FromParts(tree.TransactionCount, damaged, tree.Flags).ExtractMatches();
                Assert.True(result is null || result.Value.Root != root);
            }
        }
    }

    [Fact]
    public void Flags_PackedLeastSignificantBitFirst()
    {
        // 3 leaves, the middle one matched: bits 1 (root) 1 (left pair) 0 (leaf 0) 1 (leaf 1) 0 (right pair) → 0b01011.
        var tree = PartialMerkleTree.Build(Leaves(3), [false, true, false]);

        Assert.Equal([0x0b], tree.Flags);
        Assert.Equal(3, tree.Hashes.Count);
    }

    [Fact]
    public void Malformed_Refused()
    {
        var leaves = Leaves(9);
        var tree = PartialMerkleTree.Build(leaves, [.. leaves.Select((_, i) => i == 4)]);
        var flags = tree.Flags;
        var hashes = tree.Hashes.ToList();

        Assert.Null(PartialMerkleTree.FromParts(0, [], []).ExtractMatches()); // no transactions
        Assert.Null(PartialMerkleTree.FromParts((uint)Block.MaxTransactions + 1, hashes, flags).ExtractMatches());
        Assert.Null(PartialMerkleTree.FromParts(2, [.. Leaves(3)], [0xff]).ExtractMatches()); // more hashes than transactions
        Assert.Null(PartialMerkleTree.FromParts(9, hashes, []).ExtractMatches()); // too few bits
        Assert.Null(PartialMerkleTree.FromParts(9, [.. hashes, leaves[0]], flags).ExtractMatches()); // a hash left over
        Assert.Null(PartialMerkleTree.FromParts(9, hashes, [.. flags, 0x00]).ExtractMatches()); // a byte of bits left over
        Assert.Null(PartialMerkleTree.FromParts(9, hashes[..^1], flags).ExtractMatches()); // a hash missing
    }

    [Fact]
    public void DuplicatedSubtree_Cve2012_2459_Refused()
    {
        // [a b c] and [a b c c] share a root; a proof for the 4-leaf form must not pass (its last two children are equal).
        var three = Leaves(3);
        var four = new[] { three[0], three[1], three[2], three[2] };
        Assert.Equal(MerkleTree.ComputeRoot(three), MerkleTree.ComputeRoot(four));
        var tree = PartialMerkleTree.Build(four, [false, false, true, true]);

        Assert.Null(PartialMerkleTree.FromParts(4, tree.Hashes, tree.Flags).ExtractMatches());
    }
}
