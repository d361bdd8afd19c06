using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Spv;

/// <summary>
/// A full node serving light wallets (BIP 37) to a real peer over loopback: a filtered block proves exactly the
/// matching transactions and sends them after it, transaction relay and mempool replies go through the filter, the
/// limits are misbehaviour, and a node with --no-bloom-filters neither advertises the service nor keeps such a peer.
/// </summary>
public sealed class BloomServingTests(ITestOutputHelper output)
{
    private static FilterLoadPayload LoadFor(Wallet wallet, BloomFlags flags = BloomFlags.None)
    {
        var filter = BloomFilter.Create(4, 0.0001, 11, flags);
        filter.Insert(wallet.PubKeyHash);
        return new FilterLoadPayload(filter.Data, filter.HashFunctions, filter.Tweak, (byte)filter.Flags);
    }

    [Fact]
    public async Task FilteredBlock_MerkleblockProvesTheMatchesInOrder_ThenTheirTransactions_NothingElse()
    {
        await using var net = new TestNetwork(output);
        var bob = Wallet.Generate();
        var carol = Wallet.Generate();
        Block block = null!;
        Transaction toBob = null!;
        var node = net.Start(prepare: chain =>
        {
            var genesisCoin = Payments.GenesisCoin(chain);
            var split = Payments.Pay(net.Alice, [genesisCoin], (net.Alice.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
            TestNetwork.AddBlock(chain, [split], carol.PubKeyHash);
            var toCarol = Payments.Pay(net.Alice, [Payments.CoinOf(split, 0)], (carol.PubKeyHash, 4));
            toBob = Payments.Pay(net.Alice, [Payments.CoinOf(split, 1)], (bob.PubKeyHash, 6));
            block = TestNetwork.AddBlock(chain, [toCarol, toBob], carol.PubKeyHash);
        });
        var peer = await net.ConnectAsync(node);

        await peer.SendAsync(LoadFor(bob));
        await peer.SendAsync(new GetDataPayload([new InventoryVector(InventoryType.FilteredBlock, block.Hash)]));

        var proof = await peer.ExpectAsync<MerkleBlockPayload>();
        Assert.Equal(block.Hash, proof.Header.Hash);
        Assert.Equal(3u, proof.TotalTransactions);
        var (root, matches, positions) = PartialMerkleTree.FromParts(proof.TotalTransactions, proof.Hashes, proof.Flags).ExtractMatches()
            ?? throw new InvalidOperationException("the node sent a malformed partial tree");
        Assert.Equal(block.MerkleRoot, root);
        Assert.Equal([2], positions);
        Assert.Equal([MerkleTree.LeafHash(toBob)], matches);
        var tx = await peer.ExpectAsync<TxPayload>();
        Assert.Equal(toBob.Id, tx.Transaction.Id);
        await peer.SyncAsync();
        Assert.Single(peer.Received.OfType<TxPayload>());

        // Without a filter a filtered block is not served (as Bitcoin Core); after filterclear neither.
        await peer.SendAsync(new FilterClearPayload());
        await peer.SendAsync(new GetDataPayload([new InventoryVector(InventoryType.FilteredBlock, block.Hash)]));
        await peer.SyncAsync();
        Assert.Single(peer.Received.OfType<MerkleBlockPayload>());
    }

    [Fact]
    public async Task Relay_FilteredPeerHearsOnlyOfMatches_MempoolReplyFiltered_UpdateAllFollowsTheSpender()
    {
        await using var net = new TestNetwork(output);
        var bob = Wallet.Generate();
        var carol = Wallet.Generate();
        var node = net.Start();
        var filtered = await net.ConnectAsync(node);
        var plain = await net.ConnectAsync(node);
        await filtered.SendAsync(LoadFor(bob, BloomFlags.All));
        await filtered.SyncAsync();

        var toBob = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (bob.PubKeyHash, 3), (net.Alice.PubKeyHash, 7));
        var aliceChange = Payments.Pay(net.Alice, [Payments.CoinOf(toBob, 1)], (carol.PubKeyHash, 7));
        var bobSpends = Payments.Pay(bob, [Payments.CoinOf(toBob, 0)], (carol.PubKeyHash, 3));
        foreach (var tx in new[] { toBob, aliceChange, bobSpends })
            Assert.Single((await node.SubmitTransactionAsync(tx)).Accepted);

        await plain.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == bobSpends.Id));
        await filtered.SyncAsync();
        var heard = filtered.Received.OfType<InvPayload>().SelectMany(i => i.Items).Select(i => i.Hash).ToHashSet();
        Assert.Contains(toBob.Id, heard);
        Assert.Contains(bobSpends.Id, heard); // matched by bob's key in its input, and by the outpoint update-all added
        Assert.DoesNotContain(aliceChange.Id, heard);

        // A light wallet connects asking for no transactions (version relay false): nothing until its filter, then the
        // mempool through it.
        var late = await net.ConnectAsync(node, relay: false);
        await late.SyncAsync();
        Assert.Empty(late.Received.OfType<InvPayload>());
        await late.SendAsync(LoadFor(carol));
        await late.SendAsync(new MempoolPayload());
        var reply = await late.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Type == InventoryType.Tx));
        Assert.Equal(new[] { aliceChange.Id, bobSpends.Id }.Order(), reply.Items.Select(i => i.Hash).Order());
    }

    [Fact]
    public async Task Limits_FilterAddWithoutFilter_OversizedFilter_AreMisbehaviour()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();

        var noFilter = await net.ConnectAsync(node);
        await noFilter.SendAsync(new FilterAddPayload([1, 2, 3]));
        await noFilter.WaitClosedAsync();
        await Wait.UntilAsync(() => net.Logs(node).Contains("filteradd without a filter loaded"), "the offence in the log");

        var oversized = await net.ConnectAsync(node);
        var writer = new Core.Serialization.ByteWriter();
        writer.WriteCompactSize(BloomFilter.MaxBytes + 1);
        writer.WriteBytes(new byte[BloomFilter.MaxBytes + 1]);
        writer.WriteUInt32(10);
        writer.WriteUInt32(0);
        writer.WriteByte(0);
        await oversized.SendAsync(Commands.FilterLoad, writer.ToArray());
        await oversized.WaitClosedAsync();

        var tooManyFunctions = await net.ConnectAsync(node);
        await tooManyFunctions.SendAsync(Commands.FilterLoad, [1, 0xff, 51, 0, 0, 0, 0, 0, 0, 0, 0]);
        await tooManyFunctions.WaitClosedAsync();
    }

    [Fact]
    public async Task NoBloomFilters_NotAdvertised_FilterLoadDisconnects_WithoutBan()
    {
        await using var net = new TestNetwork(output);
        var serving = net.Start();
        var refusing = net.Start(c => c with { ServeBloomFilters = false });

        var toServing = await net.ConnectAsync(serving);
        var toRefusing = await net.ConnectAsync(refusing);
        Assert.True(((ServiceFlags)toServing.Received.OfType<VersionPayload>().Single().Services).HasFlag(ServiceFlags.Bloom));
        Assert.False(((ServiceFlags)toRefusing.Received.OfType<VersionPayload>().Single().Services).HasFlag(ServiceFlags.Bloom));

        await toRefusing.SendAsync(LoadFor(Wallet.Generate()));
        await toRefusing.WaitClosedAsync();
        await Wait.UntilAsync(() => net.Logs(refusing).Contains("does not serve bloom filters"), "the reason in the log");
        Assert.Equal(0, refusing.Bans.Count);
    }

    [Fact]
    public async Task GetHeaders_AtMost2000_FromTheLocatorsForkPoint_UpToTheStopHash()
    {
        await using var net = new TestNetwork(output);
        List<Block> blocks = null!;
        var node = net.Start(prepare: chain => blocks = TestNetwork.AddBlocks(chain, 2_050, net.Alice.PubKeyHash));
        var peer = await net.ConnectAsync(node);

        await peer.SendAsync(new GetHeadersPayload(1, [net.GenesisHash], Hash256.Zero));
        var first = await peer.ExpectAsync<HeadersPayload>();
        Assert.Equal(Network.Node.MaxHeadersPerMessage, first.Headers.Count);
        Assert.Equal(blocks.Take(2_000).Select(b => b.Hash), first.Headers.Select(h => h.Hash));
        Assert.All(first.Headers, h => Assert.Empty(h.Transactions));

        await peer.SendAsync(new GetHeadersPayload(1, [first.Headers[^1].Hash, net.GenesisHash], Hash256.Zero));
        Assert.Equal(blocks.Skip(2_000).Select(b => b.Hash), (await peer.ExpectAsync<HeadersPayload>()).Headers.Select(h => h.Hash));

        await peer.SendAsync(new GetHeadersPayload(1, [net.GenesisHash], blocks[9].Hash));
        Assert.Equal(10, (await peer.ExpectAsync<HeadersPayload>()).Headers.Count);
        await peer.SendAsync(new GetHeadersPayload(1, [blocks[^1].Hash], Hash256.Zero));
        Assert.Empty((await peer.ExpectAsync<HeadersPayload>()).Headers);
    }
}
