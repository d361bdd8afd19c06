using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>
/// A full disk while writing a block: one clear error naming the block, nothing half-written, the chain usable, and the
/// same block written once space returns. The "disk" is the database's page limit (SQLite's max_page_count, which fails
/// exactly as a full disk does: SQLITE_FULL); scripts and the CLI test cover a real full tmpfs.
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    [Fact]
    public void AddBlock_DiskFull_FailsNamingTheBlockAndWritesNothingThenSucceedsWhenSpaceReturns()
    {
        // No page may be added: blocks fit in the pages' slack for a while, then one does not.
        _b.Chain.LimitGrowth(0);
        StorageFullException? error = null;
        Block? refused = null;
        ChainSummary before = _b.Chain.Summarize();
        for (var i = 0; i < 200 && error is null; i++)
        {
            before = _b.Chain.Summarize();
            var block = _b.BuildBlock(_b.Wallets[i % 4].PubKeyHash, _b.Pay(_b.A, _b.B, 1));
            try
            {
                _b.Chain.AddBlock(block);
            }
            catch (StorageFullException e)
            {
                (error, refused) = (e, block);
            }
        }

        Assert.NotNull(error);
        Assert.StartsWith($"disk full while writing block {refused!.Height}: ", error.Message);
        Assert.Equal(before, _b.Chain.Summarize());
        Assert.False(_b.Chain.HasBlock(refused.Hash));
        Assert.False(_b.Chain.IsKnownInvalid(refused.Hash));
        using (var reader = Blockchain.Open(_b.DatabasePath, options: StoreOptions.Reading))
            Assert.Equal(before, reader.Summarize());

        _b.Chain.LimitGrowth(null);
        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(refused).Status);
        Assert.Equal(refused.Height, _b.Chain.Tip.Height);
        var digest = _b.Chain.Summarize().UtxoDigest;
        _b.Chain.Utxo.Reindex();
        Assert.Equal(digest, _b.Chain.Summarize().UtxoDigest);
    }

    [Fact]
    public void Open_ReadOnlyOptions_WritesNothingAndRefusesWrites()
    {
        var block = _b.BuildBlock(_b.C.PubKeyHash);
        _b.Chain.Dispose();
        var wal = _b.DatabasePath + "-wal";
        Assert.False(File.Exists(wal), "a clean close checkpoints the WAL away");

        using var reader = Blockchain.Open(_b.DatabasePath, options: StoreOptions.Reading);
        Assert.Equal(0, reader.Summarize().Tip.Height);
        var error = Assert.Throws<ReadOnlyStoreException>(() => reader.AddBlock(block));

        Assert.StartsWith("database is read-only: ", error.Message);
        Assert.Equal(0, reader.Tip.Height);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void Open_SyncFull_MakesEveryCommitDurable(bool syncFull, long expected)
    {
        _b.Chain.Dispose();
        using var chain = Blockchain.Open(_b.DatabasePath, options: new StoreOptions(SyncFull: syncFull));

        Assert.Equal(expected, chain.StorePragma("synchronous"));
        Assert.Equal(0, chain.StorePragma("query_only"));
    }
}
