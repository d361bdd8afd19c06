using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.Crypto;
using BlockchainCs.Core.Tests.TestSupport;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.Consensus;

/// <summary>Every way to break a transaction inside a block (and loose, through CheckTransaction).</summary>
public sealed class TransactionValidationTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public TransactionValidationTests() => GenesisOutput = ChainBuilder.OutputOf(_b.Chain.GetBlock(_b.Genesis)!.Transactions[0]);

    /// <summary>A's 10 coins from the genesis coinbase.</summary>
    private (OutPoint OutPoint, TxOutput Output) GenesisOutput { get; }

    public void Dispose() => _b.Dispose();

    /// <summary>A block on the tip holding <paramref name="txs"/> after a coinbase of exactly the subsidy.</summary>
    private Block BlockWith(params Transaction[] txs) =>
        _b.BuildBlockOn(_b.Chain.Tip.Hash, _b.Chain.Tip.Height + 1, _b.D.PubKeyHash, txs);

    private static Transaction WithSignature(Transaction tx, int input, byte[] signature)
    {
        var signatures = tx.Inputs.Select(i => i.Signature).ToArray();
        signatures[input] = signature;
        return tx.WithSignatures(signatures);
    }

    [Fact]
    public void AddBlock_PaymentAndItsChangeSpentInTheSameBlock_Connected()
    {
        var first = _b.Pay(_b.A, _b.B, 4);
        var second = ChainBuilder.Spend(_b.A, [ChainBuilder.OutputOf(first, 1)], new TxOutput(6, _b.C.PubKeyHash));

        var result = _b.Chain.AddBlock(BlockWith(first, second));

        Assert.Equal(BlockAddStatus.Connected, result.Status);
        Assert.Equal(0, _b.Balance(_b.A));
        Assert.Equal(4, _b.Balance(_b.B));
        Assert.Equal(6, _b.Balance(_b.C));
        Assert.Null(_b.Chain.Utxo.Get(new OutPoint(first.Id, 1)));
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
    }

    [Fact]
    public void AddBlock_TransactionSpendingTheSameOutputTwice_DoubleSpend()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput, GenesisOutput], new TxOutput(20, _b.B.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.DoubleSpend);
    }

    [Fact]
    public void AddBlock_TwoTransactionsSpendingTheSameOutput_DoubleSpend()
    {
        var toB = _b.Pay(_b.A, _b.B, 10);
        var toC = _b.Pay(_b.A, _b.C, 10);

        _b.AssertRejected(BlockWith(toB, toC), RuleErrorCode.DoubleSpend);
    }

    [Fact]
    public void AddBlock_OutputSpentInAnEarlierBlock_MissingInput()
    {
        var toB = _b.Pay(_b.A, _b.B, 10);
        var toC = _b.Pay(_b.A, _b.C, 10);
        _b.MineBlock(_b.D.PubKeyHash, toB);

        _b.AssertRejected(BlockWith(toC), RuleErrorCode.MissingInput);
    }

    [Fact]
    public void AddBlock_OutputThatNeverExisted_MissingInput()
    {
        var made = (new OutPoint(Hash256.Compute([42]), 0), new TxOutput(10, _b.A.PubKeyHash));
        var tx = ChainBuilder.Spend(_b.A, [made], new TxOutput(10, _b.B.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.MissingInput);
    }

    [Fact]
    public void AddBlock_IndexPastTheOutputsOfAnExistingTransaction_MissingInput()
    {
        var made = (new OutPoint(GenesisOutput.OutPoint.TxId, 1), GenesisOutput.Output);
        var tx = ChainBuilder.Spend(_b.A, [made], new TxOutput(10, _b.B.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.MissingInput);
    }

    [Fact]
    public void AddBlock_OutputSignedForByAnotherKey_WrongOwner()
    {
        // The thief's signature is valid for the thief's own key, but A's output is locked to A's key hash.
        var thief = _b.C;
        var stolen = ChainBuilder.Spend(thief, [GenesisOutput], new TxOutput(10, thief.PubKeyHash));

        _b.AssertRejected(BlockWith(stolen), RuleErrorCode.WrongOwner);
        Assert.Equal(RuleErrorCode.WrongOwner, Assert.Throws<RuleException>(() => _b.Chain.CheckTransaction(stolen)).Code);
    }

    [Fact]
    public void AddBlock_OwnersPublicKeyWithTheThiefsSignature_BadSignature()
    {
        var thief = _b.C;
        var unsigned = new Transaction([new TxInput(GenesisOutput.OutPoint, [], _b.A.PublicKey)], [new TxOutput(10, thief.PubKeyHash)]);
        var forged = TransactionBuilder.Sign(unsigned, thief.PrivateKey, [GenesisOutput.Output]);

        _b.AssertRejected(BlockWith(forged), RuleErrorCode.BadSignature);
    }

    [Fact]
    public void AddBlock_SignatureWithAFlippedByte_BadSignature()
    {
        var tx = _b.Pay(_b.A, _b.B, 4);
        var signature = tx.Inputs[0].Signature.ToArray();
        signature[40] ^= 0x01;

        var bad = WithSignature(tx, 0, signature);

        Assert.Equal(tx.Id, bad.Id);
        _b.AssertRejected(BlockWith(bad), RuleErrorCode.BadSignature);
    }

    [Fact]
    public void AddBlock_SignatureOverAnotherTransaction_BadSignature()
    {
        var paid = _b.Pay(_b.A, _b.B, 4);
        var other = _b.Pay(_b.A, _b.B, 5);

        var swapped = WithSignature(paid, 0, other.Inputs[0].Signature);

        _b.AssertRejected(BlockWith(swapped), RuleErrorCode.BadSignature);
    }

    [Fact]
    public void AddBlock_EmptySignature_BadSignature()
    {
        var tx = WithSignature(_b.Pay(_b.A, _b.B, 4), 0, []);

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.BadSignature);
    }

    [Fact]
    public void AddBlock_HighSSignature_BadSignature()
    {
        var tx = _b.Pay(_b.A, _b.B, 4);
        var highS = WithSignature(tx, 0, Secp256k1TestData.WithHighS(tx.Inputs[0].Signature));

        _b.AssertRejected(BlockWith(highS), RuleErrorCode.BadSignature);
        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(BlockWith(tx)).Status);
    }

    [Fact]
    public void AddBlock_OutputsAboveInputs_Overspend()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput], new TxOutput(7, _b.B.PubKeyHash), new TxOutput(4, _b.A.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.Overspend);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void AddBlock_OutputValueNotPositive_NonPositiveValue(long value)
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput], new TxOutput(value, _b.B.PubKeyHash), new TxOutput(10, _b.A.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.NonPositiveValue);
    }

    [Fact]
    public void AddBlock_OutputsThatOverflow_ValueOverflow()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput],
            new TxOutput(long.MaxValue / 2, _b.B.PubKeyHash), new TxOutput(long.MaxValue / 2, _b.B.PubKeyHash), new TxOutput(long.MaxValue / 2, _b.B.PubKeyHash));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.ValueOverflow);
    }

    [Fact]
    public void AddBlock_OutputLockedToAMalformedKeyHash_WrongOwner()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput], new TxOutput(10, new byte[19]));

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.WrongOwner);
    }

    [Fact]
    public void AddBlock_TransactionWithoutInputs_NoInputs()
    {
        var tx = new Transaction([], [new TxOutput(10, _b.B.PubKeyHash)]);

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.NoInputs);
    }

    [Fact]
    public void AddBlock_TransactionWithoutOutputs_NoOutputs()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput]);

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.NoOutputs);
    }

    [Fact]
    public void AddBlock_MoreOutputsThanCanBeDecoded_TransactionTooLarge()
    {
        // Small enough for the size limit, but Transaction.Read refuses it: a stored block could never be read back.
        var outputs = Enumerable.Range(0, Transaction.MaxOutputs + 1).Select(_ => new TxOutput(1, _b.B.PubKeyHash)).ToArray();
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput], outputs);

        _b.AssertRejected(BlockWith(tx), RuleErrorCode.TransactionTooLarge);
    }

    [Fact]
    public void AddBlock_SignatureLongerThanCanBeDecoded_TransactionTooLarge()
    {
        var tx = _b.Pay(_b.A, _b.B, 4);

        var padded = WithSignature(tx, 0, [.. tx.Inputs[0].Signature, 0]);

        _b.AssertRejected(BlockWith(padded), RuleErrorCode.TransactionTooLarge);
    }

    [Fact]
    public void AddBlock_SideBranchWithAnUndecodableTransaction_RejectedBeforeItIsStored()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var tx = new Transaction([new TxInput(GenesisOutput.OutPoint, [], new byte[TxInput.MaxPubKeySize + 1])], [new TxOutput(1, _b.B.PubKeyHash)]);

        var side = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, [tx]);

        _b.AssertRejected(side, RuleErrorCode.TransactionTooLarge);
    }

    [Fact]
    public void CheckTransaction_ValidPayment_ReturnsTheFee()
    {
        var tx = ChainBuilder.Spend(_b.A, [GenesisOutput], new TxOutput(8, _b.B.PubKeyHash));

        Assert.Equal(2, _b.Chain.CheckTransaction(tx));
    }

    [Fact]
    public void CheckTransaction_Coinbase_CoinbaseNotAllowed()
    {
        var coinbase = Transaction.CreateCoinbase(_b.A.PubKeyHash, 10, 1);

        Assert.Equal(RuleErrorCode.CoinbaseNotAllowed, Assert.Throws<RuleException>(() => _b.Chain.CheckTransaction(coinbase)).Code);
    }

    [Fact]
    public void CheckTransaction_InputFromAPendingTransaction_UsesTheLookup()
    {
        var first = _b.Pay(_b.A, _b.B, 4);
        var second = ChainBuilder.Spend(_b.B, [ChainBuilder.OutputOf(first)], new TxOutput(4, _b.C.PubKeyHash));

        var missing = Assert.Throws<RuleException>(() => _b.Chain.CheckTransaction(second));
        var fee = _b.Chain.CheckTransaction(second, p => p == new OutPoint(first.Id, 0) ? first.Outputs[0] : null);

        Assert.Equal(RuleErrorCode.MissingInput, missing.Code);
        Assert.Equal(0, fee);
    }
}
