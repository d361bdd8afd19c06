using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>
/// The chain's BIP 158 filters on a real SQLite file: one per best-chain block, written with it, holding its outputs'
/// and its spent outputs' key hashes (a spend inside the block too), headers chained from zero; a reorganisation
/// removes and adds them so the headers equal a chain that only ever saw the winning branch; reindexutxo and an old
/// database without filters rebuild them identically.
/// </summary>
public sealed class BlockFilterIndexTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private List<(byte[] Filter, Hash256 Header)> BestChainFilters(Blockchain chain) =>
        [.. Enumerable.Range(0, chain.Tip.Height + 1).Select(h => chain.GetFilter(chain.GetHashAtHeight(h)!.Value)
            ?? throw new InvalidOperationException($"no filter at height {h}"))];

    private static void AssertHeadersChain(List<(byte[] Filter, Hash256 Header)> filters)
    {
        var previous = Hash256.Zero;
        foreach (var (filter, header) in filters)
        {
            Assert.Equal(BlockFilter.Header(filter, previous), header);
            previous = header;
        }
    }

    [Fact]
    public void EachBlock_HasItsFilter_WithOutputsAndSpentOutputs_IncludingASpendInsideTheBlock()
    {
        var pay = _b.Pay(_b.A, _b.B, 4);
        var onward = ChainBuilder.Spend(_b.B, [ChainBuilder.OutputOf(pay, 0)], new TxOutput(4, _b.C.PubKeyHash)); // spends pay in the same block
        var block = _b.MineBlock(_b.D.PubKeyHash, pay, onward);

        var filters = BestChainFilters(_b.Chain);
        AssertHeadersChain(filters);
        var (filter, _) = _b.Chain.GetFilter(block.Hash)!.Value;
        foreach (var owner in new[] { _b.A, _b.B, _b.C, _b.D })
            Assert.True(BlockFilter.MatchAny(block.Hash, filter, [owner.PubKeyHash]), $"{owner.Address} is in block 1");
        // A (paid in genesis, spending it here) is in; a stranger is (almost surely: 1 in 784,931) not.
        Assert.False(BlockFilter.MatchAny(block.Hash, filter, [Enumerable.Repeat((byte)0x5a, 20).ToArray()]));
        Assert.Equal(4, GolombCodedSet.CountMatches(BlockFilter.Key(block.Hash), filter, [_b.A.PubKeyHash, _b.B.PubKeyHash, _b.C.PubKeyHash, _b.D.PubKeyHash]));
    }

    [Fact]
    public void Reorganisation_RemovesAndAddsFilters_HeadersEqualAChainThatOnlySawTheWinner()
    {
        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 3));
        var losing = _b.MineBlock(_b.A.PubKeyHash);
        var genesisHash = _b.Genesis;
        var w1 = _b.BuildBlockOn(genesisHash, 1, _b.C.PubKeyHash, []);
        var w2 = _b.BuildBlockOn(w1.Hash, 2, _b.C.PubKeyHash, []);
        var w3 = _b.BuildBlockOn(w2.Hash, 3, _b.D.PubKeyHash, []);
        // A branch arrives as its tip with its ancestors (side branches are not stored until they win).
        Assert.Equal(BlockAddStatus.Reorganized, _b.Chain.AddBlock(w3, [w1, w2]).Status);
        Assert.Equal(w3.Hash, _b.Chain.Tip.Hash);

        Assert.Null(_b.Chain.GetFilter(losing.Hash));
        var after = BestChainFilters(_b.Chain);
        AssertHeadersChain(after);

        Assert.Equal(3, after.Count - 1);
        _b.Chain.Utxo.Reindex(); // every filter rebuilt from the winning branch alone
        Assert.Equal(after.Select(f => f.Header), BestChainFilters(_b.Chain).Select(f => f.Header));
    }

    [Fact]
    public void ReindexAndAnOldDatabaseWithoutFilters_RebuildThemIdentically()
    {
        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 3));
        _b.MineBlock(_b.B.PubKeyHash, _b.Pay(_b.B, _b.C, 1));
        var before = BestChainFilters(_b.Chain);

        _b.Chain.Utxo.Reindex();
        Assert.Equal(before.Select(f => Convert.ToHexString(f.Filter) + f.Header), BestChainFilters(_b.Chain).Select(f => Convert.ToHexString(f.Filter) + f.Header));

        _b.Chain.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_b.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE block_filters";
            drop.ExecuteNonQuery();
        }

        _b.Reopen();
        Assert.Equal(before.Select(f => Convert.ToHexString(f.Filter) + f.Header), BestChainFilters(_b.Chain).Select(f => Convert.ToHexString(f.Filter) + f.Header));
    }
}
