using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.Serialization;

public sealed class TransactionSerializationTests
{
    private static readonly Wallet s_alice = new(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001"));
    private static readonly Wallet s_bob = new(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000002"));

    private static Transaction Unsigned() => new(
        [
            new TxInput(new OutPoint(Hash256.Compute([1]), 0), [], s_alice.PublicKey),
            new TxInput(new OutPoint(Hash256.Compute([2]), 7), [], s_alice.PublicKey),
        ],
        [new TxOutput(15, s_bob.PubKeyHash), new TxOutput(5, s_alice.PubKeyHash)]);

    private static Transaction Signed() => TransactionBuilder.Sign(Unsigned(), s_alice.PrivateKey,
        [new TxOutput(10, s_alice.PubKeyHash), new TxOutput(10, s_alice.PubKeyHash)]);

    [Fact]
    public void FromBytes_SignedTransaction_SameBytesAndId()
    {
        var tx = Signed();

        var decoded = Transaction.FromBytes(tx.ToBytes());

        Assert.Equal(tx.ToBytes(), decoded.ToBytes());
        Assert.Equal(tx.Id, decoded.Id);
        Assert.Equal(tx.Inputs, decoded.Inputs);
        Assert.Equal(tx.Outputs, decoded.Outputs);
    }

    [Fact]
    public void FromBytes_Coinbase_SameBytesAndHeight()
    {
        var coinbase = Transaction.CreateCoinbase(s_bob.PubKeyHash, 10, 123456, "a note");

        var decoded = Transaction.FromBytes(coinbase.ToBytes());

        Assert.Equal(coinbase.ToBytes(), decoded.ToBytes());
        Assert.True(decoded.IsCoinbase);
        Assert.Equal(123456, decoded.CoinbaseHeight);
    }

    [Fact]
    public void ToBytes_Layout_CountsInputsAndOutputsLittleEndian()
    {
        var tx = Unsigned();
        var expected = new ByteWriter();
        expected.WriteCompactSize(2);
        foreach (var input in tx.Inputs)
        {
            expected.WriteHash(input.PrevOut.TxId);
            expected.WriteUInt32(input.PrevOut.Index);
            expected.WriteVarBytes([]);
            expected.WriteVarBytes(input.PubKey);
        }

        expected.WriteCompactSize(2);
        foreach (var output in tx.Outputs)
        {
            expected.WriteInt64(output.Value);
            expected.WriteVarBytes(output.PubKeyHash);
        }

        Assert.Equal(expected.ToArray(), tx.ToBytes());
        Assert.Equal(Hash256.Compute(expected.ToArray()), tx.Id);
    }

    [Fact]
    public void Id_Signing_Unchanged()
    {
        var unsigned = Unsigned();
        var signed = Signed();

        Assert.Equal(unsigned.Id, signed.Id);
        Assert.NotEqual(unsigned.ToBytes(), signed.ToBytes());
        Assert.All(signed.Inputs, i => Assert.Equal(64, i.Signature.Length));
    }

    [Fact]
    public void Id_OtherOutput_Changes()
    {
        var other = new Transaction(Unsigned().Inputs, [new TxOutput(16, s_bob.PubKeyHash)]);

        Assert.NotEqual(Unsigned().Id, other.Id);
    }

    [Fact]
    public void FromBytes_EveryTruncation_DecodeException()
    {
        var bytes = Signed().ToBytes();

        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            Assert.Throws<DecodeException>(() => Transaction.FromBytes(cut));
        }
    }

    [Fact]
    public void FromBytes_TrailingByte_DecodeException() =>
        Assert.Throws<DecodeException>(() => Transaction.FromBytes([.. Signed().ToBytes(), 0]));

    [Fact]
    public void FromBytes_SignatureLongerThan64Bytes_DecodeException()
    {
        var tx = Unsigned().WithSignatures([new byte[65], new byte[64]]);

        Assert.Throws<DecodeException>(() => Transaction.FromBytes(tx.ToBytes()));
    }

    [Fact]
    public void FromBytes_PubKeyHashLongerThan20Bytes_DecodeException()
    {
        var tx = new Transaction(Unsigned().Inputs, [new TxOutput(1, new byte[21])]);

        Assert.Throws<DecodeException>(() => Transaction.FromBytes(tx.ToBytes()));
    }

    [Fact]
    public void FromBytes_InputCountAboveTheLimit_DecodeException()
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(Transaction.MaxInputs + 1);
        writer.WriteBytes(new byte[(Transaction.MaxInputs + 1) * 38]);

        Assert.Throws<DecodeException>(() => Transaction.FromBytes(writer.WrittenSpan));
    }

    [Fact]
    public void CreateCoinbase_LongNonAsciiNote_StaysWithinTheDecodingLimit()
    {
        var coinbase = Transaction.CreateCoinbase(s_bob.PubKeyHash, 10, 7, new string('€', 80));

        var decoded = Transaction.FromBytes(coinbase.ToBytes());

        Assert.True(coinbase.Inputs[0].PubKey.Length <= TxInput.MaxPubKeySize);
        Assert.Equal(7, decoded.CoinbaseHeight);
    }

    [Fact]
    public void CreateCoinbase_LongAsciiNote_SixtyCharactersKept()
    {
        var coinbase = Transaction.CreateCoinbase(s_bob.PubKeyHash, 10, 7, new string('x', 80));

        Assert.Equal(4 + 60, coinbase.Inputs[0].PubKey.Length);
    }
}
