using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;

namespace BlockchainCs.Core.Tests.Consensus;

/// <summary>Every way to break a block's header or shape: each is rejected with its code and changes nothing.</summary>
public sealed class BlockValidationTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private Transaction Coinbase(int height, long value = ChainParameters.Subsidy) =>
        Transaction.CreateCoinbase(_b.B.PubKeyHash, value, height);

    [Fact]
    public void AddBlock_ValidBlockOnTip_Connected()
    {
        var block = _b.BuildBlockOn(_b.Genesis, 1, _b.B.PubKeyHash, []);

        var result = _b.Chain.AddBlock(block);

        Assert.Equal(BlockAddStatus.Connected, result.Status);
        Assert.Equal(block.Hash, _b.Chain.Tip.Hash);
        Assert.Equal([block], result.Connected);
        Assert.Empty(result.Disconnected);
    }

    [Fact]
    public void AddBlock_NonceThatFailsProofOfWork_BadProofOfWork()
    {
        var mined = _b.BuildBlockOn(_b.Genesis, 1, _b.B.PubKeyHash, []);
        var nonce = mined.Nonce + 1;
        while (ProofOfWork.IsValid(mined.WithProof(mined.Timestamp, nonce)))
            nonce++;

        _b.AssertRejected(mined.WithProof(mined.Timestamp, nonce), RuleErrorCode.BadProofOfWork);
    }

    [Fact]
    public void AddBlock_TargetBitsOtherThanTheChains_BadTargetBits()
    {
        // Mined honestly for 9 bits (harder than the chain's 8): the work is there, the target is not the chain's.
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1)], targetBits: ChainBuilder.TargetBits + 1);

        _b.AssertRejected(block, RuleErrorCode.BadTargetBits);
    }

    [Fact]
    public void AddBlock_AlteredMerkleRoot_BadMerkleRoot()
    {
        var txs = new[] { Coinbase(1) };
        var root = MerkleTree.ComputeRoot(txs).ToArray();
        root[31] ^= 1;

        var block = _b.Craft(_b.Genesis, 1, txs, merkleRoot: new Hash256(root));

        _b.AssertRejected(block, RuleErrorCode.BadMerkleRoot);
    }

    [Fact]
    public void AddBlock_TransactionsSwappedAfterTheRootWasComputed_BadMerkleRoot()
    {
        _b.MineBlock(_b.B.PubKeyHash);
        var fromA = _b.Pay(_b.A, _b.C, 3);
        var fromB = _b.Pay(_b.B, _b.C, 4);
        var root = MerkleTree.ComputeRoot([Coinbase(2), fromA, fromB]);

        var block = _b.Craft(_b.Chain.Tip.Hash, 2, [Coinbase(2), fromB, fromA], merkleRoot: root);

        _b.AssertRejected(block, RuleErrorCode.BadMerkleRoot);
    }

    [Fact]
    public void AddBlock_UnknownParent_OrphanAndNothingStored()
    {
        var unknownParent = Hash256.Compute([1, 2, 3]);
        var block = _b.BuildBlockOn(unknownParent, 1, _b.B.PubKeyHash, []);
        var tip = _b.Chain.Tip;
        var digest = _b.UtxoDigest();

        var result = _b.Chain.AddBlock(block);

        Assert.Equal(BlockAddStatus.Orphan, result.Status);
        Assert.False(result.ChangedTip);
        Assert.False(_b.Chain.HasBlock(block.Hash));
        Assert.Equal(1, _b.StoredBlockCount());
        Assert.Equal(tip, _b.Chain.Tip);
        Assert.Equal(digest, _b.UtxoDigest());
    }

    [Fact]
    public void AddBlock_HeightNotParentPlusOne_BadHeight()
    {
        _b.MineBlock(_b.A.PubKeyHash);

        var block = _b.BuildBlockOn(_b.Chain.Tip.Hash, 3, _b.B.PubKeyHash, []);

        _b.AssertRejected(block, RuleErrorCode.BadHeight);
    }

    [Fact]
    public void AddBlock_HeightOfTheParent_BadHeight()
    {
        _b.MineBlock(_b.A.PubKeyHash);

        var block = _b.BuildBlockOn(_b.Chain.Tip.Hash, 1, _b.B.PubKeyHash, []);

        _b.AssertRejected(block, RuleErrorCode.BadHeight);
    }

    [Fact]
    public void AddBlock_TimestampMoreThanTwoHoursAhead_TimeTooNew()
    {
        var tooNew = _b.Time.GetUtcNow().Add(ChainParameters.MaxFutureBlockTime).ToUnixTimeSeconds() + 1 + 60;

        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1)], timestamp: tooNew);

        _b.AssertRejected(block, RuleErrorCode.TimeTooNew);
    }

    [Fact]
    public void AddBlock_TimestampExactlyTwoHoursAhead_Connected()
    {
        // Craft advances the clock by one interval first, so "now" at AddBlock is the clock after crafting.
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1)],
            timestamp: _b.Time.GetUtcNow().Add(ChainBuilder.BlockInterval + ChainParameters.MaxFutureBlockTime).ToUnixTimeSeconds());

        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(block).Status);
    }

    [Fact]
    public void AddBlock_FutureBlockOnceTheClockCatchesUp_Connected()
    {
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1)],
            timestamp: _b.Time.GetUtcNow().AddHours(3).ToUnixTimeSeconds());
        _b.AssertRejected(block, RuleErrorCode.TimeTooNew);

        _b.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(block).Status);
    }

    [Fact]
    public void AddBlock_NoTransactions_NoTransactions()
    {
        var block = _b.Craft(_b.Genesis, 1, []);

        _b.AssertRejected(block, RuleErrorCode.NoTransactions);
    }

    [Fact]
    public void AddBlock_FirstTransactionNotCoinbase_FirstTxNotCoinbase()
    {
        var payment = _b.Pay(_b.A, _b.B, 4);

        var block = _b.Craft(_b.Genesis, 1, [payment, Coinbase(1)]);

        _b.AssertRejected(block, RuleErrorCode.FirstTxNotCoinbase);
    }

    [Fact]
    public void AddBlock_TwoCoinbases_MultipleCoinbases()
    {
        var second = Transaction.CreateCoinbase(_b.C.PubKeyHash, ChainParameters.Subsidy, 1);

        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1), second]);

        _b.AssertRejected(block, RuleErrorCode.MultipleCoinbases);
    }

    [Fact]
    public void AddBlock_CoinbaseAboveSubsidy_BadCoinbaseValue()
    {
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1, ChainParameters.Subsidy + 1)]);

        _b.AssertRejected(block, RuleErrorCode.BadCoinbaseValue);
    }

    [Fact]
    public void AddBlock_CoinbaseBelowSubsidy_Connected()
    {
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1, 1)]);

        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(block).Status);
        Assert.Equal(1, _b.Balance(_b.B));
    }

    [Fact]
    public void AddBlock_CoinbaseWithAnotherHeight_BadCoinbaseHeight()
    {
        var block = _b.Craft(_b.Genesis, 1, [Coinbase(2)]);

        _b.AssertRejected(block, RuleErrorCode.BadCoinbaseHeight);
    }

    [Fact]
    public void AddBlock_CoinbaseWithoutHeight_BadCoinbaseHeight()
    {
        var noHeight = new Transaction([new TxInput(OutPoint.Null, [], [])], [new TxOutput(10, _b.B.PubKeyHash)]);

        var block = _b.Craft(_b.Genesis, 1, [noHeight]);

        _b.AssertRejected(block, RuleErrorCode.BadCoinbaseHeight);
    }

    [Fact]
    public void AddBlock_SameTransactionTwice_DuplicateTransaction()
    {
        var payment = _b.Pay(_b.A, _b.B, 4);

        var block = _b.Craft(_b.Genesis, 1, [Coinbase(1), payment, payment]);

        _b.AssertRejected(block, RuleErrorCode.DuplicateTransaction);
    }

    [Fact]
    public void AddBlock_CoinbaseClaimsSubsidyPlusFee_Connected()
    {
        var withFee = ChainBuilder.Spend(_b.A, [ChainBuilder.OutputOf(GenesisCoinbase())],
            new TxOutput(6, _b.B.PubKeyHash), new TxOutput(3, _b.A.PubKeyHash));

        var block = _b.BuildBlockOn(_b.Genesis, 1, _b.C.PubKeyHash, [withFee], fees: 1);

        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(block).Status);
        Assert.Equal(ChainParameters.Subsidy + 1, _b.Balance(_b.C));
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
    }

    [Fact]
    public void AddBlock_CoinbaseClaimsOneMoreThanSubsidyPlusFee_BadCoinbaseValue()
    {
        var withFee = ChainBuilder.Spend(_b.A, [ChainBuilder.OutputOf(GenesisCoinbase())],
            new TxOutput(6, _b.B.PubKeyHash), new TxOutput(3, _b.A.PubKeyHash));

        var block = _b.BuildBlockOn(_b.Genesis, 1, _b.C.PubKeyHash, [withFee], fees: 2);

        _b.AssertRejected(block, RuleErrorCode.BadCoinbaseValue);
    }

    [Fact]
    public void BuildCandidate_WithFees_CoinbaseClaimsSubsidyPlusFees()
    {
        var withFee = ChainBuilder.Spend(_b.A, [ChainBuilder.OutputOf(GenesisCoinbase())], new TxOutput(7, _b.B.PubKeyHash));
        var fee = _b.Chain.CheckTransaction(withFee);

        var block = _b.MineBlock(_b.C.PubKeyHash, withFee);

        Assert.Equal(3, fee);
        Assert.Equal(ChainParameters.Subsidy + 3, block.Transactions[0].TotalOutput);
        Assert.Equal(13, _b.Balance(_b.C));
    }

    [Fact]
    public void AddBlock_SameBlockAgain_Duplicate()
    {
        var block = _b.MineBlock(_b.B.PubKeyHash);

        var result = _b.Chain.AddBlock(block);

        Assert.Equal(BlockAddStatus.Duplicate, result.Status);
        Assert.False(result.ChangedTip);
        Assert.Equal(2, _b.StoredBlockCount());
    }

    [Fact]
    public void CheckBlock_CoinbaseDataOverTheDecodingLimit_Rejected()
    {
        // A block that would be stored but could never be read back (TxInput.Read refuses more than 100 bytes).
        var data = new byte[TxInput.MaxPubKeySize + 1];
        BitConverter.TryWriteBytes(data, 1);
        var coinbase = new Transaction([new TxInput(OutPoint.Null, [], data)], [new TxOutput(10, _b.B.PubKeyHash)]);

        var block = _b.Craft(_b.Genesis, 1, [coinbase]);

        _b.AssertRejected(block, RuleErrorCode.TransactionTooLarge);
    }

    private Transaction GenesisCoinbase() => _b.Chain.GetBlock(_b.Genesis)!.Transactions[0];
}
