using System.Net;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>
/// Well-formed messages from a dishonest or broken peer: forged blocks and transactions, double spends, silence,
/// talking before the handshake. The node punishes what only a liar sends, tolerates honest races, and keeps
/// serving everyone else with its chain and mempool untouched.
/// </summary>
public sealed class NodeMisbehaviourTests(ITestOutputHelper output)
{
    /// <summary>The evil peer connects from its own loopback address, so it can be banned without banning the node's own IP.</summary>
    private static readonly IPAddress EvilIp = IPAddress.Parse("127.0.0.66");

    [Fact]
    public async Task HandleBlock_BadProofOfWork_DisconnectsAndBansThePeer()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectAsync(node, EvilIp);
        var forged = Branches.WithoutProofOfWork(node.Chain);

        await evil.SendAsync(new BlockPayload(forged));

        await evil.WaitClosedAsync();
        Assert.True(node.Bans.IsBanned(EvilIp), "the IP the connection comes from must be banned");
        Assert.False(node.Chain.HasBlock(forged.Hash));
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Accept_BannedPeerReconnects_IsRefused()
    {
        await using var net = new TestNetwork(output);
        var (node, _) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectAsync(node, EvilIp);
        await evil.SendAsync(new BlockPayload(Branches.WithoutProofOfWork(node.Chain)));
        await evil.WaitClosedAsync();

        var again = await net.ConnectRawAsync(node, from: EvilIp);

        await again.WaitClosedAsync();
        Assert.DoesNotContain(again.Received, p => p is VerackPayload);
        Assert.Empty(node.ReadyPeers);
    }

    [Fact]
    public async Task HandleTx_SpendsSomeoneElsesOutput_RejectsDisconnectsAndBans()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectAsync(node, EvilIp);
        var mallory = Wallet.Generate();
        // Block 1's coinbase belongs to the target's miner, not to Mallory.
        var victimCoinbase = node.Chain.GetBlock(node.Chain.GetHashAtHeight(1)!.Value)!.Transactions[0];
        var stolen = Payments.Steal(mallory, [Payments.CoinOf(victimCoinbase, 0)], (mallory.PubKeyHash, 10));

        await evil.SendAsync(new TxPayload(stolen));

        var reject = await evil.ExpectAsync<RejectPayload>();
        Assert.Equal((Commands.Tx, RejectCode.Invalid, stolen.Id), (reject.Message, reject.Code, reject.Hash));
        Assert.Contains(nameof(RuleErrorCode.WrongOwner), reject.Reason, StringComparison.Ordinal);
        await evil.WaitClosedAsync();
        Assert.True(node.Bans.IsBanned(EvilIp), "a forged transaction must get its sender banned");
        Assert.False(node.Mempool.Contains(stolen.Id));
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task HandleTx_DoubleSpendOfAMempoolTransaction_RejectsButKeepsThePeer()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectAsync(node, EvilIp);
        // The target's pending transaction already spends the genesis coin; this one spends it again.
        var doubleSpend = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (Wallet.Generate().PubKeyHash, 10));

        await evil.SendAsync(new TxPayload(doubleSpend));

        var reject = await evil.ExpectAsync<RejectPayload>();
        Assert.Equal((Commands.Tx, RejectCode.Duplicate, doubleSpend.Id), (reject.Message, reject.Code, reject.Hash));
        Assert.Contains(nameof(RuleErrorCode.DoubleSpend), reject.Reason, StringComparison.Ordinal);
        await evil.SyncAsync();
        Assert.False(node.Bans.IsBanned(EvilIp), "a double spend can be an honest race: no ban");
        Assert.Single(node.ReadyPeers);
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Maintenance_PeerSaysNothing_IsDisconnectedAfterTheHandshakeTimeout()
    {
        await using var net = new TestNetwork(output);
        var node = net.StartNode(net.CreateChain("target"), c => c with { Limits = new PeerLimits { HandshakeTimeout = TimeSpan.FromMilliseconds(300) } });
        var before = NodeSnapshot.Of(node);
        var silent = await net.ConnectRawAsync(node);
        await Wait.UntilAsync(() => node.Peers.Count == 1, "the node to accept the connection");

        await silent.WaitClosedAsync(TimeSpan.FromSeconds(3));

        Assert.Empty(silent.Received);
        await Wait.UntilAsync(() => node.Peers.Count == 0, "the node to forget the silent peer");
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Theory]
    [InlineData(Commands.Ping)]
    [InlineData(Commands.GetBlocks)]
    [InlineData(Commands.Tx)]
    [InlineData(Commands.Verack)]
    public async Task Handle_MessageBeforeTheHandshake_Disconnects(string command)
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);
        IPayload payload = command switch
        {
            Commands.Ping => new PingPayload(7),
            Commands.GetBlocks => new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, [net.GenesisHash], default),
            Commands.Tx => new TxPayload(Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (Wallet.Generate().PubKeyHash, 10))),
            _ => new VerackPayload(),
        };

        await evil.SendAsync(payload);

        await evil.WaitClosedAsync();
        Assert.DoesNotContain(evil.Received, p => p is PongPayload or InvPayload or RejectPayload);
        await before.AssertUnchangedAndServingAsync(net, node);
    }
}
