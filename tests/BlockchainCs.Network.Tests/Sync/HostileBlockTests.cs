using System.Net;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Sync;

/// <summary>
/// Hostile peer items 3, 4 and 5: orphan blocks are bounded in bytes and per peer; blocks nobody asked for that do not
/// extend the tip are not stored; a block building on a known-invalid one is refused at once.
/// </summary>
public sealed class HostileBlockTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OrphanBlocks_120RequestedFrom3Peers_PoolStaysInItsByteBudget_EachPeerAQuarter()
    {
        await using var net = new TestNetwork(output);
        var orphanBytes = Branches.OrphanChain(1)[0].ToBytes().Length;
        var budget = 40L * orphanBytes;
        var node = net.Start(c => c with { OrphanBlockBytes = budget });

        for (var p = 0; p < 3; p++)
        {
            var peer = await net.ConnectAsync(node, IPAddress.Parse($"127.0.0.{20 + p}"));
            await peer.AnnounceAsync(Branches.OrphanChain(40));
            await peer.ExpectAsync<GetDataPayload>();
            await Wait.UntilAsync(() => node.Sync.State.BlocksInFlight == 0, "the node to receive every announced orphan");
        }

        var state = node.Sync.State;
        output.WriteLine($"120 orphans of {orphanBytes} bytes into a {budget}-byte pool: {state.OrphanBlocks} kept, {state.OrphanBlockBytes} bytes");
        Assert.InRange(state.OrphanBlockBytes, 1, budget);
        Assert.True(state.OrphanBlocks <= 3 * (budget / 4 / orphanBytes), "each peer fills at most a quarter");
        Assert.Equal(0, node.Chain.Tip.Height);
    }

    [Fact]
    public async Task OrphanBlock_ParentArrivesLater_BothConnect()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var genesis = Branches.TipBlock(node.Chain);
        var parent = Branches.MineOn(genesis, Wallet.Generate().PubKeyHash);
        var child = Branches.MineOn(parent, Wallet.Generate().PubKeyHash);
        var peer = await net.ConnectAsync(node);

        await peer.AnnounceAsync([child]);
        // The node asks the sender for what follows its best chain (the orphan's ancestors).
        await peer.ExpectAsync<GetBlocksPayload>();
        Assert.Equal(1, node.Sync.State.OrphanBlocks);

        await peer.SendAsync(new BlockPayload(parent));
        // The sync state is a snapshot the writer publishes after it connects the blocks: wait for both.
        await Wait.UntilAsync(() => node.Chain.Tip.Hash == child.Hash && node.Sync.State.OrphanBlocks == 0,
            "the orphan to connect behind its parent and leave the pool");
    }

    [Fact]
    public async Task SideBlocks_30JunkAtHeight1_UnrequestedOrRequested_NotStored_DatabaseDoesNotGrow()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(prepare: chain => TestNetwork.AddBlocks(chain, 3, Wallet.Generate().PubKeyHash));
        var genesis = node.Chain.GetBlock(node.Chain.GenesisHash)!;
        var junk = Enumerable.Range(0, 30).Select(_ => Branches.MineOn(genesis, Wallet.Generate().PubKeyHash)).ToList();
        var peer = await net.ConnectAsync(node, bestHeight: 3);
        var before = DatabaseBytes(node);

        foreach (var block in junk)
            await peer.SendAsync(new BlockPayload(block));
        await peer.SyncAsync();
        await peer.AnnounceAsync(junk);
        await peer.ExpectAsync<GetDataPayload>();
        await Wait.UntilAsync(() => node.Sync.State.BlocksInFlight == 0, "the node to receive the requested junk");

        var grown = DatabaseBytes(node) - before;
        output.WriteLine($"30 junk side blocks at height 1: database grew by {grown} bytes");
        Assert.All(junk, b => Assert.False(node.Chain.HasBlock(b.Hash)));
        Assert.True(grown < 16 * 1024, $"the database grew by {grown} bytes");
        Assert.Equal(3, node.Chain.Tip.Height);
        Assert.False(peer.IsClosed, "a lighter side branch is not misbehaviour");
    }

    [Fact]
    public async Task InvalidBlockInAHeavierBranch_ThenASecondTipPastIt_RefusedAsKnownInvalidWithoutAnotherReorganisation()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(prepare: chain => TestNetwork.AddBlocks(chain, 2, Wallet.Generate().PubKeyHash));
        var genesis = node.Chain.GetBlock(node.Chain.GenesisHash)!;
        var miner = Wallet.Generate().PubKeyHash;
        var genesisCoin = Payments.GenesisCoin(node.Chain);
        // A three-block branch whose second block spends the coin its first block spent already.
        var s1 = Branches.MineOn(genesis, miner, Payments.Pay(net.Alice, [genesisCoin], (miner, 10)));
        var s2 = Branches.MineOn(s1, miner, Payments.Pay(net.Alice, [genesisCoin], (Wallet.Generate().PubKeyHash, 10)));
        var s3 = Branches.MineOn(s2, miner);
        var s4 = Branches.MineOn(s3, miner);
        var tip = node.Chain.Tip;
        var liar = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.31"), bestHeight: 3);

        await liar.AnnounceAsync([s1, s2, s3]);
        await liar.WaitClosedAsync();
        Assert.Equal(tip, node.Chain.Tip);
        Assert.True(node.Chain.IsKnownInvalid(s2.Hash) && node.Chain.IsKnownInvalid(s3.Hash), "the bad block and its descendant are marked");
        var reorganisations = net.Logs(node).Count("Reorganiz");

        var second = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.32"), bestHeight: 4);
        await second.AnnounceAsync([s4]);
        await second.WaitClosedAsync();

        Assert.True(node.Chain.IsKnownInvalid(s4.Hash));
        Assert.Equal(reorganisations, net.Logs(node).Count("Reorganiz"));
        Assert.True(net.Logs(node).Contains(nameof(RuleErrorCode.KnownInvalid)));
        Assert.True(node.Bans.IsBanned(IPAddress.Parse("127.0.0.32")));
        Assert.Equal(tip, node.Chain.Tip);
    }

    private static long DatabaseBytes(Network.Node node) =>
        new[] { "", "-wal" }.Select(suffix => new FileInfo(node.Chain.Path + suffix)).Where(f => f.Exists).Sum(f => f.Length);
}
