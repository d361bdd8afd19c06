using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>
/// Nothing accepted is lost: a peer that connects hears of the whole pool, what waits too long is announced again, and
/// the pool survives a clean restart.
/// </summary>
public sealed class MempoolRelayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PaymentsHeldWhileTheMinerWasDown_MinerConnectsLater_MinesThem()
    {
        await using var net = new TestNetwork(output);
        var holder = net.Start(name: "holder");
        var (parent, child) = TwoPayments(net, holder.Chain);
        await holder.SubmitTransactionAsync(parent);
        await holder.SubmitTransactionAsync(child);

        var miner = net.StartNode(net.CreateChain("miner"), c => c with
        {
            Seeds = [holder.ListenAddress],
            MinerPubKeyHash = Wallet.Generate().PubKeyHash,
            MineMinTransactions = 2,
        }, "miner");

        await Wait.UntilAsync(() => holder.Chain.Tip.Height == 1 && holder.Mempool.Count == 0, "the late miner to mine what the holder kept");
        Assert.True(holder.Chain.HasTransaction(parent.Id) && holder.Chain.HasTransaction(child.Id));
        Assert.Equal(1, miner.Chain.Tip.Height);
    }

    [Fact]
    public async Task Mempool_SavedOnCleanShutdown_LoadedAndRevalidatedAtStart_ThenMined()
    {
        await using var net = new TestNetwork(output);
        var chain = net.CreateChain("holder");
        var holder = net.StartNode(chain, c => c, "holder");
        var (parent, child) = TwoPayments(net, holder.Chain);
        await holder.SubmitTransactionAsync(parent);
        await holder.SubmitTransactionAsync(child);
        await holder.DisposeAsync();

        var restarted = net.StartNode(chain, c => c, "restarted");
        Assert.True(restarted.Mempool.Contains(parent.Id) && restarted.Mempool.Contains(child.Id), "the pool came back");
        net.StartNode(net.CreateChain("miner"), c => c with
        {
            Seeds = [restarted.ListenAddress],
            MinerPubKeyHash = Wallet.Generate().PubKeyHash,
            MineMinTransactions = 2,
        }, "miner");

        await Wait.UntilAsync(() => restarted.Chain.HasTransaction(child.Id), "the restored payments to be mined");
    }

    [Fact]
    public async Task Rebroadcast_UnconfirmedForAWholeInterval_AnnouncedAgainEvenToAPeerThatKnowsIt()
    {
        await using var net = new TestNetwork(output);
        var time = new ShiftedTimeProvider();
        var node = net.Start(c => c with { Time = time, RebroadcastInterval = TimeSpan.FromMinutes(2) });
        var peer = await net.ConnectAsync(node);
        var (parent, _) = TwoPayments(net, node.Chain);
        await node.SubmitTransactionAsync(parent);
        await peer.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == parent.Id));

        time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await peer.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == parent.Id));
        Assert.True(net.Logs(node).Contains("Rebroadcast 1 transactions"));
    }

    [Fact]
    public async Task MempoolFile_ChildSavedBeforeItsParent_BothRestored_ASpentOneDropped_DamagedTailIgnored()
    {
        await using var net = new TestNetwork(output);
        var chain = net.CreateChain();
        var pool = new Network.Mempool(chain);
        var (parent, child) = TwoPayments(net, chain);
        var now = DateTimeOffset.UtcNow;
        var conflicting = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (Wallet.Generate().PubKeyHash, 10));
        var saved = MempoolFile.Serialize([new MempoolEntry(child, 0, now, child.Size), new MempoolEntry(parent, 0, now, parent.Size),
            new MempoolEntry(conflicting, 0, now, conflicting.Size)]);

        var (restored, dropped) = MempoolFile.Restore(pool, [.. saved, 0xff, 0xff], now);

        Assert.Equal((2, 1), (restored, dropped));
        Assert.True(pool.Contains(parent.Id) && pool.Contains(child.Id));
    }

    [Fact]
    public async Task PartitionHeals_LosingSidesPaymentComesBack_ReachesTheWinningMinerAndIsMined()
    {
        await using var net = new TestNetwork(output);
        // The losing side: a wallet node whose chain has one block with Alice's payment (its miner is gone).
        var (payment, _) = TwoPayments(net, net.CreateChain("scratch"));
        var wallet = net.Start(prepare: chain => chain.AddBlock(TestNetwork.MineCandidate(chain, [payment], Wallet.Generate().PubKeyHash)), name: "wallet");
        Assert.True(wallet.Chain.HasTransaction(payment.Id));
        Assert.Equal(0, wallet.Mempool.Count);

        // The winning side: a miner with a longer chain that never saw the payment. The partition heals when it connects.
        var minerChain = net.CreateChain("miner");
        TestNetwork.AddBlocks(minerChain, 2, Wallet.Generate().PubKeyHash);
        var miner = net.StartNode(minerChain, c => c with
        {
            Seeds = [wallet.ListenAddress],
            MinerPubKeyHash = Wallet.Generate().PubKeyHash,
            MineMinTransactions = 1,
        }, "miner");

        // The wallet node reorganises onto the miner's chain, takes the payment back and announces it at once (not only
        // at the next rebroadcast, minutes later); the miner mines it.
        await Wait.UntilAsync(() => miner.Chain.HasTransaction(payment.Id), "the returned payment to be mined by the winning miner");
        await Wait.UntilAsync(() => wallet.Chain.HasTransaction(payment.Id) && wallet.Chain.Tip.Height == 3, "the wallet node to follow");
        Assert.True(net.Logs(wallet).Contains("back in the mempool; announcing them"));
    }

    private static (Core.Primitives.Transaction Parent, Core.Primitives.Transaction Child) TwoPayments(TestNetwork net, Core.Chain.Blockchain chain)
    {
        var bob = Wallet.Generate();
        var parent = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (bob.PubKeyHash, 10));
        var child = Payments.Pay(bob, [Payments.CoinOf(parent, 0)], (Wallet.Generate().PubKeyHash, 10));
        return (parent, child);
    }
}
