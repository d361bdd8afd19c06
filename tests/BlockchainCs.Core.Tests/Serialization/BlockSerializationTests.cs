using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Tests.Serialization;

public sealed class BlockSerializationTests
{
    private static Block Sample()
    {
        var coinbase = Transaction.CreateCoinbase(new byte[20], 10, 42, "sample");
        var payment = new Transaction(
            [new TxInput(new OutPoint(Hash256.Compute([5]), 1), new byte[64], new byte[33])],
            [new TxOutput(3, Enumerable.Repeat((byte)1, 20).ToArray())]);
        Transaction[] txs = [coinbase, payment];
        return new Block(1_700_000_123, Hash256.Compute([9]), MerkleTree.ComputeRoot(txs), 16, 987654321, 42, txs);
    }

    [Fact]
    public void FromBytes_Block_SameBytesHashAndFields()
    {
        var block = Sample();

        var decoded = Block.FromBytes(block.ToBytes());

        Assert.Equal(block.ToBytes(), decoded.ToBytes());
        Assert.Equal(block.Hash, decoded.Hash);
        Assert.Equal(block.Timestamp, decoded.Timestamp);
        Assert.Equal(block.PrevHash, decoded.PrevHash);
        Assert.Equal(block.MerkleRoot, decoded.MerkleRoot);
        Assert.Equal(block.TargetBits, decoded.TargetBits);
        Assert.Equal(block.Nonce, decoded.Nonce);
        Assert.Equal(block.Height, decoded.Height);
        Assert.Equal(block.Transactions.Select(t => t.Id), decoded.Transactions.Select(t => t.Id));
    }

    [Fact]
    public void ToBytes_Header_FieldsInOrderThenTransactions()
    {
        var block = Sample();
        var expected = new ByteWriter();
        expected.WriteHash(block.PrevHash);
        expected.WriteHash(block.MerkleRoot);
        expected.WriteInt64(block.Timestamp);
        expected.WriteInt32(block.TargetBits);
        expected.WriteInt64(block.Nonce);
        expected.WriteInt32(block.Height);
        expected.WriteCompactSize(2);
        foreach (var tx in block.Transactions)
            expected.WriteBytes(tx.ToBytes());

        Assert.Equal(expected.ToArray(), block.ToBytes());
    }

    [Fact]
    public void FromBytes_EveryTruncation_DecodeException()
    {
        var bytes = Sample().ToBytes();

        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            Assert.Throws<DecodeException>(() => Block.FromBytes(cut));
        }
    }

    [Fact]
    public void FromBytes_TrailingByte_DecodeException() =>
        Assert.Throws<DecodeException>(() => Block.FromBytes([.. Sample().ToBytes(), 0]));

    [Fact]
    public void FromBytes_TransactionCountAboveTheLimit_DecodeException()
    {
        var writer = new ByteWriter();
        Sample().WriteHeader(writer);
        writer.WriteCompactSize(Block.MaxTransactions + 1);
        writer.WriteBytes(new byte[(Block.MaxTransactions + 1) * 2]);

        Assert.Throws<DecodeException>(() => Block.FromBytes(writer.WrittenSpan));
    }
}
