using System.Net;
using System.Net.Sockets;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Spv;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Spv;

/// <summary>
/// A light wallet node against a real full node over loopback: headers first then filtered blocks, its payments found
/// and confirmed with their depth, an unconfirmed one heard of through its filter, a heavier fork sending a payment back
/// to pending and confirming it again where it lands, and a peer that sends a bad header disconnected.
/// </summary>
public sealed class SpvNodeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_sync = TimeSpan.FromSeconds(30);

    private static WalletTransaction Find(SpvNode spv, Transaction tx) => spv.Transactions().Single(t => t.Transaction.Id == tx.Id);

    /// <summary>Hands <paramref name="blocks"/> to the full node the honest way (inv, then it asks) and waits for its tip.</summary>
    private static async Task FeedAsync(TestPeer feeder, Network.Node node, IReadOnlyList<Block> blocks)
    {
        await feeder.AnnounceAsync(blocks);
        await Wait.UntilAsync(() => node.Chain.Tip.Hash == blocks[^1].Hash, "the full node to take the blocks");
    }

    [Fact]
    public async Task Sync_2500Blocks_HeadersThenFilteredBlocks_FindsItsPaymentsWithTheirDepth_DownloadsLittle()
    {
        await using var net = new TestNetwork(output);
        var light = Wallet.Generate();
        Transaction payment = null!;
        var full = net.Start(prepare: chain =>
        {
            TestNetwork.AddBlocks(chain, 1_200, net.Alice.PubKeyHash);
            payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (light.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
            TestNetwork.AddBlock(chain, [payment], net.Alice.PubKeyHash);
            TestNetwork.AddBlocks(chain, 1_299, net.Alice.PubKeyHash);
        });

        var spv = net.StartSpv(light, full.ListenAddress);
        await Wait.UntilAsync(() => spv.Headers.Height == 2_500 && spv.IsSynced, s_sync, "the light wallet to sync 2,500 blocks");

        Assert.Equal(full.Chain.Tip.Hash, spv.Headers.Tip.Hash);
        var found = Find(spv, payment);
        Assert.Equal(1_201, found.BlockHeight);
        Assert.Equal(1_300, found.Depth);
        Assert.Equal(new SpvBalance(4, 0, 0), SpvWallet.Balance(spv.Transactions(), light.PubKeyHash, SpvWallet.DefaultMinConfirmations));
        Assert.Single(spv.Transactions()); // the miner's coinbases and change matched nothing of ours
        Assert.True(net.Logs(full).Count("Received getheaders command") >= 2, "2,500 headers take two getheaders (2,000 at most each)");
        // What a light wallet pays per block: a header (89 bytes in headers) and a merkleblock (a 1-transaction block's is
        // 127 bytes), each in a 24-byte envelope, whatever the block holds. These blocks hold only their coinbase, so
        // that is no saving here; the bench measures chains with real blocks.
        var chainBytes = Enumerable.Range(0, 2_501).Sum(h => full.Chain.GetBlockBytes(full.Chain.GetHashAtHeight(h)!.Value)!.Length);
        output.WriteLine($"light wallet downloaded {spv.BytesDownloaded} bytes; the chain is {chainBytes} bytes");
        Assert.InRange(spv.BytesDownloaded, 2_500 * (89 + 127), 2_500 * 300);
    }

    [Fact]
    public async Task Payment_PendingThroughTheFilter_ThenConfirmed_AHeavierForkMakesItPending_ThenItConfirmsWhereItLands()
    {
        await using var net = new TestNetwork(output);
        var light = Wallet.Generate();
        var full = net.Start();
        var feeder = await net.ConnectAsync(full);
        var spv = net.StartSpv(light, full.ListenAddress);
        await Wait.UntilAsync(() => spv.ReadyPeers.Any() && spv.IsSynced, s_sync, "the light wallet to connect");

        // Unconfirmed: the full node relays it to the light wallet through its filter.
        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(full.Chain)], (light.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
        Assert.Single((await full.SubmitTransactionAsync(payment)).Accepted);
        await Wait.UntilAsync(() => spv.Transactions().Any(t => t.Transaction.Id == payment.Id), s_sync, "the payment to reach the light wallet");
        Assert.Null(Find(spv, payment).BlockHeight);
        Assert.Equal(new SpvBalance(0, 0, 4), SpvWallet.Balance(spv.Transactions(), light.PubKeyHash, SpvWallet.DefaultMinConfirmations));

        // Branch A: the payment in block 1, then one more.
        var branchA = net.CreateChain();
        var a1 = TestNetwork.AddBlock(branchA, [payment], net.Alice.PubKeyHash);
        var a2 = TestNetwork.AddBlock(branchA, [], net.Alice.PubKeyHash);
        await FeedAsync(feeder, full, [a1, a2]);
        await Wait.UntilAsync(() => Find(spv, payment).Depth == 2 && spv.IsSynced, s_sync, "the payment at depth 2");
        Assert.Equal(a1.Hash, Find(spv, payment).BlockHash);
        Assert.Equal(new SpvBalance(0, 4, 0), SpvWallet.Balance(spv.Transactions(), light.PubKeyHash, SpvWallet.DefaultMinConfirmations));

        // Branch B, heavier, without the payment: it is pending again.
        var branchB = net.CreateChain();
        var b = TestNetwork.AddBlocks(branchB, 3, net.Alice.PubKeyHash);
        await FeedAsync(feeder, full, b);
        await Wait.UntilAsync(() => spv.Headers.Tip.Hash == b[^1].Hash && spv.IsSynced, s_sync, "the light wallet to follow the heavier branch");
        Assert.Null(Find(spv, payment).BlockHeight);
        Assert.Equal(new SpvBalance(0, 0, 4), SpvWallet.Balance(spv.Transactions(), light.PubKeyHash, SpvWallet.DefaultMinConfirmations));

        // It lands in block 4 of branch B: confirmed again, there.
        var b4 = TestNetwork.AddBlock(branchB, [payment], net.Alice.PubKeyHash);
        await FeedAsync(feeder, full, [b4]);
        await Wait.UntilAsync(() => Find(spv, payment).BlockHash == b4.Hash, s_sync, "the payment to confirm in the new branch");
        Assert.Equal(4, Find(spv, payment).BlockHeight);
        Assert.True(net.Logs(spv).Contains("Reorganisation"));
    }

    [Fact]
    public async Task BadHeader_FromThePeer_Disconnects()
    {
        await using var net = new TestNetwork(output);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var spv = net.StartSpv(Wallet.Generate(), new PeerAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port));

        await using var liar = await TestPeer.AcceptAsync(listener, net.GenesisHash);
        await liar.HandshakeAsync(bestHeight: 1, services: ServiceFlags.Network | ServiceFlags.Bloom, dialled: false);
        // The handshake's ping round trip passed them by: read what the light wallet sent first.
        await Wait.UntilAsync(() => liar.Received.OfType<GetHeadersPayload>().Any(), "the light wallet's getheaders");
        Assert.Single(liar.Received.OfType<FilterLoadPayload>());
        var locator = liar.Received.OfType<GetHeadersPayload>().First();
        Assert.Equal(net.GenesisHash, locator.Locator[^1]);

        // A header on our genesis at the right height whose hash does not meet the target.
        var genesis = spv.Headers.Tip.Header;
        var header = new Block(genesis.Timestamp + 60, genesis.Hash, Hash256.Zero, TestNetwork.TargetBits, 0, 1, []);
        var noWork = Enumerable.Range(0, 1_000).Select(n => header.WithProof(header.Timestamp, n)).First(h => !Core.Consensus.ProofOfWork.IsValid(h));
        await liar.SendAsync(new HeadersPayload([noWork]));
        await liar.WaitClosedAsync();
        Assert.Equal(0, spv.Headers.Height);
        Assert.True(net.Logs(spv).Contains("does not meet its proof-of-work target"));
    }

    [Fact]
    public async Task UnrequestedTransaction_PayingTheWallet_NotKept_OneAskedForAfterItsInvIs()
    {
        await using var net = new TestNetwork(output);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var light = Wallet.Generate();
        var spv = net.StartSpv(light, new PeerAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port));
        await using var peer = await TestPeer.AcceptAsync(listener, net.GenesisHash);
        await peer.HandshakeAsync(services: ServiceFlags.Network | ServiceFlags.Bloom, dialled: false);
        var genesis = net.CreateChain();

        var pushed = Payments.Pay(net.Alice, [Payments.GenesisCoin(genesis)], (light.PubKeyHash, 10));
        await peer.SendAsync(new TxPayload(pushed));
        await peer.SyncAsync();
        Assert.Empty(spv.Transactions());

        var announced = Payments.Pay(net.Alice, [Payments.GenesisCoin(genesis)], (light.PubKeyHash, 9), (net.Alice.PubKeyHash, 1));
        await peer.SendAsync(new InvPayload([new InventoryVector(InventoryType.Tx, announced.Id)]));
        var asked = await peer.ExpectAsync<GetDataPayload>(g => g.Items.Any(i => i.Hash == announced.Id));
        Assert.Equal(InventoryType.Tx, asked.Items.Single().Type);
        await peer.SendAsync(new TxPayload(announced));
        await peer.SyncAsync();
        Assert.Equal(announced.Id, Assert.Single(spv.Transactions()).Transaction.Id);
    }

    /// <summary>Two full nodes on the same chain (the second synced from the first), for the compact filters mode.</summary>
    private static async Task<(Network.Node First, Network.Node Second)> TwoFullNodesAsync(TestNetwork net, Action<Core.Chain.Blockchain> prepare)
    {
        var first = net.Start(prepare: prepare);
        var second = net.Start(c => c with { Seeds = [first.ListenAddress] });
        await Wait.UntilAsync(() => second.Chain.Tip.Hash == first.Chain.Tip.Hash, s_sync, "the second full node to sync");
        return (first, second);
    }

    [Fact]
    public async Task CompactFilters_HeadersAgreedByTwoPeers_OnlyTheMatchingBlockFetched_PaymentConfirmed()
    {
        await using var net = new TestNetwork(output);
        var light = Wallet.Generate();
        Transaction payment = null!;
        var (first, second) = await TwoFullNodesAsync(net, chain =>
        {
            TestNetwork.AddBlocks(chain, 20, net.Alice.PubKeyHash);
            payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (light.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
            TestNetwork.AddBlock(chain, [payment], net.Alice.PubKeyHash);
            TestNetwork.AddBlocks(chain, 9, net.Alice.PubKeyHash);
        });

        var spv = net.StartSpv(light, SpvMode.Filters, first.ListenAddress, second.ListenAddress);
        await Wait.UntilAsync(() => spv.Headers.Height == 30 && spv.IsSynced, s_sync, "the light wallet to sync with compact filters");

        var found = Find(spv, payment);
        Assert.Equal(21, found.BlockHeight);
        Assert.Equal(10, found.Depth);
        Assert.Equal(1, spv.WholeBlocksFetched); // the only block its filter matched: all the nodes learn
        Assert.True(net.Logs(spv).Contains("agree between 2 peers"));
        Assert.DoesNotContain(first.Peers, p => p.Filter is not null); // no bloom filter was ever loaded
    }

    [Fact]
    public async Task CompactFilters_APeerServingAWrongFilterHeader_IsFoundOutByTheBlockAndBanned()
    {
        await using var net = new TestNetwork(output);
        var light = Wallet.Generate();
        var (first, second) = await TwoFullNodesAsync(net, chain => TestNetwork.AddBlocks(chain, 12, net.Alice.PubKeyHash));
        using var listener = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        listener.Start();
        var liarAddress = new PeerAddress("127.0.0.2", ((IPEndPoint)listener.LocalEndpoint).Port);

        var spv = net.StartSpv(light, SpvMode.Filters, liarAddress, first.ListenAddress, second.ListenAddress);
        await using var liar = await TestPeer.AcceptAsync(listener, net.GenesisHash);
        await liar.HandshakeAsync(bestHeight: 12, services: ServiceFlags.Network | ServiceFlags.CompactFilters, dialled: false);
        // It serves the true headers and blocks, but lies about the filter of block 5.
        var answering = Task.Run(async () =>
        {
            var answered = 0;
            while (!liar.IsClosed)
            {
                await Wait.UntilAsync(() => liar.IsClosed || liar.Received.Count > answered, s_sync, "a message to the liar");
                foreach (var message in liar.Received.Skip(answered).ToList())
                {
                    answered++;
                    if (message is GetHeadersPayload getHeaders)
                        await liar.SendAsync(new HeadersPayload(first.Chain.HeadersAfter(getHeaders.Locator, Hash256.Zero, 2_000)));
                    else if (message is FilterRangeRequestPayload { Command: Commands.GetCFHeaders } range)
                    {
                        var stop = first.Chain.GetBlockInfo(range.StopHash)!.Height;
                        var hashes = Enumerable.Range((int)range.StartHeight, stop - (int)range.StartHeight + 1)
                            .Select(h => h == 5 ? Hash256.Compute([5]) : Core.Filters.BlockFilter.Hash(first.Chain.GetFilter(first.Chain.GetHashAtHeight(h)!.Value)!.Value.Filter))
                            .ToList();
                        var previous = range.StartHeight == 0 ? Hash256.Zero : first.Chain.GetFilter(first.Chain.GetHashAtHeight((int)range.StartHeight - 1)!.Value)!.Value.Header;
                        await liar.SendAsync(new CFHeadersPayload(0, range.StopHash, previous, hashes));
                    }
                    else if (message is GetDataPayload getData)
                    {
                        foreach (var item in getData.Items.Where(i => i.Type == InventoryType.Block))
                            await liar.SendAsync(new BlockPayload(first.Chain.GetBlock(item.Hash)!));
                    }
                }
            }
        });

        await liar.WaitClosedAsync(s_sync);
        Assert.True(spv.Bans.IsBanned(IPAddress.Parse("127.0.0.2")), "the liar's IP is banned");
        Assert.True(net.Logs(spv).Contains("contradicts the block itself"));
        await Wait.UntilAsync(() => spv.Headers.Height == 12 && spv.IsSynced, s_sync, "the light wallet to sync with the two honest peers");
        await answering;
    }

    [Fact]
    public async Task CompactFilters_PendingThenConfirmed_AHeavierForkMakesItPending_ThenItConfirmsWhereItLands()
    {
        await using var net = new TestNetwork(output);
        var light = Wallet.Generate();
        var (first, second) = await TwoFullNodesAsync(net, _ => { });
        var feeder = await net.ConnectAsync(first);
        var spv = net.StartSpv(light, SpvMode.Filters, first.ListenAddress, second.ListenAddress);
        await Wait.UntilAsync(() => spv.ReadyPeers.Count() == 2 && spv.IsSynced, s_sync, "the light wallet to connect to both");

        // Unconfirmed: announced to it like every transaction; it asks for all and keeps its own.
        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(first.Chain)], (light.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
        Assert.Single((await first.SubmitTransactionAsync(payment)).Accepted);
        await Wait.UntilAsync(() => spv.Transactions().Any(t => t.Transaction.Id == payment.Id), s_sync, "the payment to reach the light wallet");
        Assert.Null(Find(spv, payment).BlockHeight);

        var branchA = net.CreateChain();
        var a1 = TestNetwork.AddBlock(branchA, [payment], net.Alice.PubKeyHash);
        var a2 = TestNetwork.AddBlock(branchA, [], net.Alice.PubKeyHash);
        await FeedAsync(feeder, first, [a1, a2]);
        await Wait.UntilAsync(() => second.Chain.Tip.Hash == a2.Hash, s_sync, "the second full node to follow");
        await Wait.UntilAsync(() => Find(spv, payment).Depth == 2 && spv.IsSynced, s_sync, "the payment at depth 2");
        Assert.Equal(a1.Hash, Find(spv, payment).BlockHash);

        var branchB = net.CreateChain();
        var b = TestNetwork.AddBlocks(branchB, 3, net.Alice.PubKeyHash);
        await FeedAsync(feeder, first, b);
        await Wait.UntilAsync(() => second.Chain.Tip.Hash == b[^1].Hash, s_sync, "the second full node to reorganise");
        await Wait.UntilAsync(() => spv.Headers.Tip.Hash == b[^1].Hash && spv.IsSynced, s_sync, "the light wallet to follow the heavier branch");
        Assert.Null(Find(spv, payment).BlockHeight);

        var b4 = TestNetwork.AddBlock(branchB, [payment], net.Alice.PubKeyHash);
        await FeedAsync(feeder, first, [b4]);
        await Wait.UntilAsync(() => Find(spv, payment).BlockHash == b4.Hash && spv.IsSynced, s_sync, "the payment to confirm in the new branch");
        Assert.Equal(4, Find(spv, payment).BlockHeight);
        Assert.Equal(new SpvBalance(0, 4, 0), SpvWallet.Balance(spv.Transactions(), light.PubKeyHash, SpvWallet.DefaultMinConfirmations));
    }
}
