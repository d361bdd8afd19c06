using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Primitives;

public sealed class TransactionTests
{
    private static readonly byte[] s_pkh = Enumerable.Repeat((byte)0x11, 20).ToArray();

    private static Transaction Payment() => new(
        [
            new TxInput(new OutPoint(Hash256.Compute([1]), 0), new byte[64], Enumerable.Repeat((byte)2, 33).ToArray()),
            new TxInput(new OutPoint(Hash256.Compute([2]), 1), new byte[64], Enumerable.Repeat((byte)2, 33).ToArray()),
        ],
        [new TxOutput(4, s_pkh), new TxOutput(6, new byte[20])]);

    [Fact]
    public void CreateCoinbase_Height_OneNullInputCarryingTheHeight()
    {
        var coinbase = Transaction.CreateCoinbase(s_pkh, 10, 513);

        Assert.True(coinbase.IsCoinbase);
        Assert.True(coinbase.Inputs[0].PrevOut.IsNull);
        Assert.Equal(513, coinbase.CoinbaseHeight);
        Assert.Equal([new TxOutput(10, s_pkh)], coinbase.Outputs);
    }

    [Fact]
    public void CreateCoinbase_SameRewardOtherHeight_OtherId() =>
        Assert.NotEqual(Transaction.CreateCoinbase(s_pkh, 10, 1).Id, Transaction.CreateCoinbase(s_pkh, 10, 2).Id);

    [Fact]
    public void IsCoinbase_OrdinaryPayment_FalseAndNoHeight()
    {
        Assert.False(Payment().IsCoinbase);
        Assert.Null(Payment().CoinbaseHeight);
    }

    [Fact]
    public void IsCoinbase_NullInputAmongOthers_False()
    {
        var tx = new Transaction([new TxInput(OutPoint.Null, [], [0, 0, 0, 0]), Payment().Inputs[0]], [new TxOutput(1, s_pkh)]);

        Assert.False(tx.IsCoinbase);
    }

    [Fact]
    public void OutPointNull_ZeroIdAndMaxIndex()
    {
        Assert.True(OutPoint.Null.IsNull);
        Assert.Equal(uint.MaxValue, OutPoint.Null.Index);
        Assert.False(new OutPoint(Hash256.Zero, 0).IsNull);
        Assert.False(new OutPoint(Hash256.Compute([1]), uint.MaxValue).IsNull);
    }

    [Fact]
    public void TotalOutput_SumsOutputs() => Assert.Equal(10, Payment().TotalOutput);

    [Fact]
    public void SignatureHash_EachInput_DiffersAndIgnoresSignaturesAndPublicKeys()
    {
        var tx = Payment();
        var stripped = new Transaction(tx.Inputs.Select(i => i with { Signature = [], PubKey = [] }).ToList(), tx.Outputs);

        var first = tx.SignatureHash(0, s_pkh);
        var second = tx.SignatureHash(1, s_pkh);

        Assert.NotEqual(first, second);
        Assert.Equal(first, stripped.SignatureHash(0, s_pkh));
        Assert.NotEqual(first, tx.SignatureHash(0, new byte[20]));
    }

    [Fact]
    public void WithSignatures_ReplacesOnlySignatures()
    {
        var tx = Payment();

        var resigned = tx.WithSignatures([[1], [2]]);

        Assert.Equal([1], resigned.Inputs[0].Signature);
        Assert.Equal([2], resigned.Inputs[1].Signature);
        Assert.Equal(tx.Inputs.Select(i => i.PrevOut), resigned.Inputs.Select(i => i.PrevOut));
        Assert.Equal(tx.Id, resigned.Id);
    }

    [Fact]
    public void TxOutput_IsLockedWith_OnlyItsKeyHash()
    {
        var output = new TxOutput(5, s_pkh);

        Assert.True(output.IsLockedWith(s_pkh.ToArray()));
        Assert.False(output.IsLockedWith(new byte[20]));
        Assert.False(output.IsLockedWith(s_pkh.AsSpan(0, 19)));
    }
}
