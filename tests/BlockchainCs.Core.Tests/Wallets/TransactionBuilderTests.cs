using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.Wallets;

/// <summary>The tutorial's NewUTXOTransaction: coin selection, change, and signatures the chain accepts.</summary>
public sealed class TransactionBuilderTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private List<TxOutput> SpentOutputs(Transaction tx) =>
        tx.Inputs.Select(i => _b.Chain.Utxo.Get(i.PrevOut)!.Output).ToList();

    [Fact]
    public void CreatePayment_MoreThanTheBalance_InsufficientFunds()
    {
        var error = Assert.Throws<InsufficientFundsException>(() =>
            TransactionBuilder.CreatePayment(_b.A, _b.B.PubKeyHash, 11, _b.Chain.Utxo));

        Assert.Equal(10, error.Available);
        Assert.Equal(11, error.Needed);
    }

    [Fact]
    public void CreatePayment_EmptyWallet_InsufficientFunds()
    {
        var error = Assert.Throws<InsufficientFundsException>(() => _b.Pay(_b.B, _b.A, 1));

        Assert.Equal(0, error.Available);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CreatePayment_AmountNotPositive_ArgumentOutOfRange(long amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _b.Pay(_b.A, _b.B, amount));

    [Fact]
    public void CreatePayment_LessThanTheOutput_ChangeBackToTheSender()
    {
        var tx = _b.Pay(_b.A, _b.B, 3);

        Assert.Single(tx.Inputs);
        Assert.Equal(2, tx.Outputs.Count);
        Assert.Equal(new TxOutput(3, _b.B.PubKeyHash), tx.Outputs[0]);
        Assert.Equal(new TxOutput(7, _b.A.PubKeyHash), tx.Outputs[1]);
        Assert.Equal(_b.A.PublicKey, tx.Inputs[0].PubKey);
    }

    [Fact]
    public void CreatePayment_ExactlyTheBalance_NoChange()
    {
        var tx = _b.Pay(_b.A, _b.B, 10);

        Assert.Equal([new TxOutput(10, _b.B.PubKeyHash)], tx.Outputs);
    }

    [Fact]
    public void CreatePayment_SeveralOutputsNeeded_SpendsOldestFirstAndSignsEveryInput()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        _b.MineBlock(_b.A.PubKeyHash);

        var tx = _b.Pay(_b.A, _b.B, 15);

        Assert.Equal(2, tx.Inputs.Count);
        Assert.Equal([0, 1], tx.Inputs.Select(i => _b.Chain.Utxo.Get(i.PrevOut)!.Height));
        Assert.Equal(5, tx.Outputs[1].Value);
        new SignatureVerifier(Secp256k1.Default).Verify(tx, SpentOutputs(tx));
        Assert.Equal(0, _b.Chain.CheckTransaction(tx));
    }

    [Fact]
    public void CreatePayment_Signatures_VerifyWithEveryBackend()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var tx = _b.Pay(_b.A, _b.B, 12);
        var spent = SpentOutputs(tx);

        foreach (var backend in Crypto.Secp256k1TestData.Backends)
            new SignatureVerifier(Crypto.Secp256k1TestData.Get(backend)).Verify(tx, spent);
    }

    [Fact]
    public void CreatePayment_SignedBySender_VerifierRejectsItForAnotherOwner()
    {
        var tx = _b.Pay(_b.A, _b.B, 3);
        var wrongOwner = new TxOutput(10, _b.C.PubKeyHash);

        var error = Assert.Throws<RuleException>(() => new SignatureVerifier(Secp256k1.Default).Verify(tx, [wrongOwner]));

        Assert.Equal(RuleErrorCode.BadSignature, error.Code);
    }

    [Fact]
    public void CreatePayment_ExcludedOutputs_AreNotSpent()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var first = _b.Pay(_b.A, _b.B, 10);
        var used = first.Inputs.Select(i => i.PrevOut).ToHashSet();

        var second = _b.Pay(_b.A, _b.C, 10, used.Contains);

        Assert.DoesNotContain(second.Inputs, i => used.Contains(i.PrevOut));
        Assert.Throws<InsufficientFundsException>(() => _b.Pay(_b.A, _b.C, 11, used.Contains));
    }

    [Fact]
    public void Sign_SameTransaction_IdDoesNotChange()
    {
        var tx = _b.Pay(_b.A, _b.B, 3);
        var unsigned = tx.WithSignatures([[]]);

        Assert.Equal(unsigned.Id, tx.Id);
        Assert.NotEqual(unsigned.ToBytes(), tx.ToBytes());
    }

    [Fact]
    public void SignatureVerifier_WithCache_SecondVerificationHitsTheCache()
    {
        var tx = _b.Pay(_b.A, _b.B, 3);
        var cache = new SignatureCache();
        var verifier = new SignatureVerifier(Secp256k1.Default, cache);

        verifier.Verify(tx, SpentOutputs(tx));
        verifier.Verify(tx, SpentOutputs(tx));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.Contains(tx.SignatureHash(0, _b.A.PubKeyHash), tx.Inputs[0].PubKey, tx.Inputs[0].Signature));
    }
}
