using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Spv;

/// <summary>
/// BIP 157 served by a real node over loopback: cfilters equal to filters the client computes itself from the blocks,
/// cfheaders that chain to the stored headers, checkpoints every 1,000 blocks, the service bit, and every request
/// outside the rules punished.
/// </summary>
public sealed class CompactFilterServingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CFilters_EqualWhatTheClientComputes_CFHeadersChain_CheckpointsEvery1000()
    {
        await using var net = new TestNetwork(output);
        var bob = Wallet.Generate();
        List<Block> blocks = null!;
        Transaction payment = null!;
        var node = net.Start(prepare: chain =>
        {
            payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (bob.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
            blocks = [TestNetwork.AddBlock(chain, [payment], net.Alice.PubKeyHash), .. TestNetwork.AddBlocks(chain, 2_049, net.Alice.PubKeyHash)];
        });
        var peer = await net.ConnectAsync(node);
        Assert.True(((ServiceFlags)peer.Received.OfType<VersionPayload>().Single().Services).HasFlag(ServiceFlags.CompactFilters));

        await peer.SendAsync(new FilterRangeRequestPayload(Commands.GetCFilters, 0, 0, blocks[9].Hash));
        var genesis = node.Chain.GetBlock(net.GenesisHash)!;
        for (var height = 0; height <= 10; height++)
        {
            var cfilter = await peer.ExpectAsync<CFilterPayload>();
            var block = height == 0 ? genesis : blocks[height - 1];
            Assert.Equal(block.Hash, cfilter.BlockHash);
            // Computed here, independently, from the block: its outputs, and (block 1) the genesis output it spends.
            var spent = height == 1 ? genesis.Transactions[0].Outputs : [];
            Assert.Equal(BlockFilter.Build(block, spent), cfilter.Filter);
        }

        var first = await ExpectCFiltersAsync(peer, 1, blocks[0].Hash);
        Assert.True(BlockFilter.MatchAny(blocks[0].Hash, first, [bob.PubKeyHash]));
        Assert.False(BlockFilter.MatchAny(blocks[1].Hash, (await ExpectCFiltersAsync(peer, 2, blocks[1].Hash)), [bob.PubKeyHash]));

        await peer.SendAsync(new FilterRangeRequestPayload(Commands.GetCFHeaders, 0, 1, blocks[1_999].Hash));
        var headers = await peer.ExpectAsync<CFHeadersPayload>();
        Assert.Equal(2_000, headers.FilterHashes.Count);
        Assert.Equal(node.Chain.GetFilter(net.GenesisHash)!.Value.Header, headers.PreviousFilterHeader);
        var chained = headers.FilterHashes.Aggregate(headers.PreviousFilterHeader, (previous, hash) => BlockFilter.Header(hash, previous));
        Assert.Equal(node.Chain.GetFilter(blocks[1_999].Hash)!.Value.Header, chained);

        await peer.SendAsync(new GetCFCheckptPayload(0, blocks[^1].Hash));
        var checkpoints = await peer.ExpectAsync<CFCheckptPayload>();
        Assert.Equal([node.Chain.GetFilter(blocks[999].Hash)!.Value.Header, node.Chain.GetFilter(blocks[1_999].Hash)!.Value.Header], checkpoints.FilterHeaders);
    }

    [Fact]
    public async Task RequestsOutsideTheRules_AreMisbehaviour()
    {
        await using var net = new TestNetwork(output);
        List<Block> blocks = null!;
        var node = net.Start(prepare: chain => blocks = TestNetwork.AddBlocks(chain, 2_010, net.Alice.PubKeyHash));
        IPayload[] requests =
        [
            new FilterRangeRequestPayload(Commands.GetCFilters, 1, 0, blocks[5].Hash), // filter type 1
            new FilterRangeRequestPayload(Commands.GetCFilters, 0, 0, Hash256.Compute([1])), // a stop hash we do not have
            new FilterRangeRequestPayload(Commands.GetCFHeaders, 0, 10, blocks[5].Hash), // start after the stop
            new FilterRangeRequestPayload(Commands.GetCFilters, 0, 1, blocks[1_000].Hash), // 1,001 filters
            new FilterRangeRequestPayload(Commands.GetCFHeaders, 0, 1, blocks[2_000].Hash), // 2,001 headers
            new GetCFCheckptPayload(7, blocks[5].Hash), // filter type 7
        ];

        // Each from its own connection (ours is the node's own IP: disconnected, not banned, so the next may connect).
        foreach (var request in requests)
        {
            var peer = await net.ConnectAsync(node);
            await peer.SendAsync(request);
            await peer.WaitClosedAsync();
            Assert.Empty(peer.Received.OfType<CFilterPayload>());
            Assert.Empty(peer.Received.OfType<CFHeadersPayload>());
        }

        Assert.Equal(requests.Length, net.Logs(node).Count(" for InvalidFilterRequest: ")); // one punishment each
    }

    private static async Task<byte[]> ExpectCFiltersAsync(TestPeer peer, uint height, Hash256 hash)
    {
        await peer.SendAsync(new FilterRangeRequestPayload(Commands.GetCFilters, 0, height, hash));
        return (await peer.ExpectAsync<CFilterPayload>(f => f.BlockHash == hash)).Filter;
    }
}
