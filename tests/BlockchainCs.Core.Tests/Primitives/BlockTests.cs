using System.Buffers.Binary;
using System.Security.Cryptography;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Primitives;

public sealed class BlockTests
{
    private static Block Sample(long nonce = 77)
    {
        var coinbase = Transaction.CreateCoinbase(new byte[20], 10, 3);
        return new Block(1_700_000_000, Hash256.Compute([1]), MerkleTree.ComputeRoot([coinbase]), 20, nonce, 3, [coinbase]);
    }

    [Fact]
    public void Hash_TutorialsPrepareData_Sha256OfPrevRootAndBigEndianIntegers()
    {
        var block = Sample();
        var data = new byte[88];
        block.PrevHash.ToArray().CopyTo(data, 0);
        block.MerkleRoot.ToArray().CopyTo(data, 32);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(64), 1_700_000_000);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(72), 20);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(80), 77);

        Assert.Equal(new Hash256(SHA256.HashData(data)), block.Hash);
    }

    [Fact]
    public void Hash_HeightAndTransactionsOutsideTheHashedHeader_OnlyThroughTheRoot()
    {
        var block = Sample();
        var otherHeight = new Block(block.Timestamp, block.PrevHash, block.MerkleRoot, block.TargetBits, block.Nonce, 99, block.Transactions);

        Assert.Equal(block.Hash, otherHeight.Hash);
    }

    [Fact]
    public void WithProof_NewNonceAndTime_OtherHashSameContent()
    {
        var block = Sample();

        var proved = block.WithProof(1_700_000_060, 5);

        Assert.Equal(5, proved.Nonce);
        Assert.Equal(1_700_000_060, proved.Timestamp);
        Assert.Equal(block.MerkleRoot, proved.MerkleRoot);
        Assert.Same(block.Transactions, proved.Transactions);
        Assert.NotEqual(block.Hash, proved.Hash);
        Assert.Equal(Block.ComputeHash(block.PrevHash, block.MerkleRoot, 1_700_000_060, 20, 5), proved.Hash);
    }

    [Fact]
    public void IsGenesis_HeightZeroWithoutParent_OnlyThen()
    {
        var coinbase = Transaction.CreateCoinbase(new byte[20], 10, 0);
        var genesis = new Block(0, Hash256.Zero, MerkleTree.ComputeRoot([coinbase]), 8, 0, 0, [coinbase]);

        Assert.True(genesis.IsGenesis);
        Assert.False(Sample().IsGenesis);
    }
}
