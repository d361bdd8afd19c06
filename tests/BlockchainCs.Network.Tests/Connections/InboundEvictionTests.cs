using System.Diagnostics;
using System.Net;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Connections;

/// <summary>
/// Hostile peer item 7: when every inbound slot is taken, a newcomer evicts the least useful connection, so a crowd of
/// idle or half-open connections cannot lock an honest node out.
/// </summary>
public sealed class InboundEvictionTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Select_UnfinishedHandshakes_TheOldestOneGoesFirst()
    {
        var candidates = Enumerable.Range(0, 20).Select(i => Idle(i, "10.0")).ToList();
        candidates.Add(Idle(100, "10.1") with { HandshakeDone = false, ConnectedAt = s_start.AddSeconds(50) });
        candidates.Add(Idle(101, "10.1") with { HandshakeDone = false, ConnectedAt = s_start.AddSeconds(40) });

        Assert.Equal(101, InboundEviction.Select(candidates));
    }

    [Fact]
    public void Select_40IdlePeersOfOneGroupAndUsefulOnes_EvictsTheYoungestOfTheCrowdedGroup_NeverAUsefulPeer()
    {
        var candidates = Enumerable.Range(0, 40).Select(i => Idle(i, "10.0")).ToList();
        var blockSender = Idle(200, "10.0") with { LastBlock = s_start.AddHours(1), ConnectedAt = s_start.AddHours(1) };
        var txSender = Idle(201, "10.0") with { LastTransaction = s_start.AddHours(1), ConnectedAt = s_start.AddHours(1) };
        var fastPinger = Idle(202, "10.0") with { MinPing = TimeSpan.FromMilliseconds(1), ConnectedAt = s_start.AddHours(1) };
        var syncing = Idle(203, "10.0") with { LastServedBlock = s_start.AddHours(1), ConnectedAt = s_start.AddHours(1) };
        candidates.AddRange([blockSender, txSender, fastPinger, syncing]);

        var evicted = InboundEviction.Select(candidates);

        Assert.Equal(39, evicted);
    }

    [Fact]
    public void Select_FewPeersAllProtected_NobodyIsEvicted()
    {
        var candidates = Enumerable.Range(0, 4).Select(i => Idle(i, $"10.{i}")).ToList();

        Assert.Null(InboundEviction.Select(candidates));
    }

    [Fact]
    public async Task InboundSlots_8Of8TakenByIdlePeers_HonestNewcomerEvictsOneAndSyncs20Blocks_Within10s()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { MaxInbound = 8 }, chain => TestNetwork.AddBlocks(chain, 20, Wallet.Generate().PubKeyHash));
        var idle = new List<TestPeer>();
        for (var i = 0; i < 8; i++)
            idle.Add(await net.ConnectAsync(node, IPAddress.Parse($"127.0.1.{i + 1}")));

        var clock = Stopwatch.StartNew();
        var newcomer = net.StartNode(net.CreateChain("newcomer"), node.ListenAddress);
        await Wait.UntilAsync(() => newcomer.Chain.Tip.Height == 20, TimeSpan.FromSeconds(10), "the newcomer to sync through a full node");
        output.WriteLine($"newcomer synced 20 blocks through 8 of 8 taken inbound slots in {clock.ElapsedMilliseconds} ms");

        await Wait.UntilAsync(() => idle.Count(p => p.IsClosed) == 1, "one idle peer to be evicted");
        Assert.True(net.Logs(node).Contains("Evicted inbound"));
    }

    [Fact]
    public async Task InboundSlots_FullOfUnfinishedHandshakes_ANewcomerEvictsTheOldest()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { MaxInbound = 4 });
        var slow = new List<TestPeer>();
        for (var i = 0; i < 4; i++)
        {
            slow.Add(await net.ConnectRawAsync(node, from: IPAddress.Parse($"127.0.2.{i + 1}")));
            await Wait.UntilAsync(() => node.Peers.Count == slow.Count, "the node to accept the connection");
        }

        var honest = await net.ConnectAsync(node, IPAddress.Parse("127.0.3.1"));

        await slow[0].WaitClosedAsync();
        Assert.False(honest.IsClosed);
        Assert.All(slow.Skip(1), p => Assert.False(p.IsClosed));
    }

    private static EvictionCandidate Idle(long id, string group) =>
        new(id, s_start.AddSeconds(id), HandshakeDone: true, MinPing: null, default, default, default, group, KeyedGroup: (ulong)id);
}
