using System.Diagnostics;
using System.Net;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>
/// Hostile peer item 11: under slowloris, getdata, orphan and inv floods at once, the node still syncs an honest
/// newcomer within 10 s and accepts an honest block within 1 s.
/// </summary>
[Collection(Serial.Name)]
public sealed class HostileNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Floods_SlowlorisGetdataOrphanInv_HonestNewcomerSyncs30BlocksWithin10s_HonestBlockAcceptedWithin1s()
    {
        await using var net = new TestNetwork(output);
        var miner = Wallet.Generate().PubKeyHash;
        var target = net.Start(c => c with { MaxInbound = 16 }, chain => TestNetwork.AddBlocks(chain, 30, miner));
        var blocks = Enumerable.Range(1, 30).Select(h => target.Chain.GetHashAtHeight(h)!.Value).ToList();
        using var stop = new CancellationTokenSource();
        var floods = new List<Task>();

        // Slowloris: ten connections that never say version.
        for (var i = 0; i < 10; i++)
            await net.ConnectRawAsync(target, from: IPAddress.Parse($"127.0.5.{i + 1}"));
        // Two peers ask for every block over and over and never read the answers.
        for (var i = 0; i < 2; i++)
        {
            var greedy = await net.ConnectAsync(target, IPAddress.Parse($"127.0.6.{i + 1}"));
            greedy.PauseReading();
            var request = new GetDataPayload([.. Enumerable.Repeat(blocks, 100).SelectMany(b => b).Select(h => new InventoryVector(InventoryType.Block, h))]);
            floods.Add(Flood(() => greedy.SendAsync(request), stop.Token));
        }

        // Two peers hand over chains of orphan blocks.
        for (var i = 0; i < 2; i++)
        {
            var orphans = await net.ConnectAsync(target, IPAddress.Parse($"127.0.7.{i + 1}"));
            var chain = Branches.OrphanChain(40);
            floods.Add(Flood(async () =>
            {
                foreach (var block in chain)
                    await orphans.SendAsync(new BlockPayload(block));
            }, stop.Token));
        }

        // Two peers announce 50,000 transactions that do not exist, again and again.
        for (var i = 0; i < 2; i++)
        {
            var announcer = await net.ConnectAsync(target, IPAddress.Parse($"127.0.8.{i + 1}"));
            floods.Add(Flood(() => announcer.SendAsync(new InvPayload([.. Enumerable.Range(0, 50_000)
                .Select(_ => new InventoryVector(InventoryType.Tx, Hash256.Compute(Guid.NewGuid().ToByteArray())))])), stop.Token));
        }

        var clock = Stopwatch.StartNew();
        var newcomer = net.StartNode(net.CreateChain("newcomer"), c => c with { Listen = new PeerAddress("127.0.9.1", 0), Seeds = [target.ListenAddress] }, "newcomer");
        await Wait.UntilAsync(() => newcomer.Chain.Tip.Height == 30, TimeSpan.FromSeconds(10), "the honest newcomer to sync under the floods");
        var syncMs = clock.ElapsedMilliseconds;

        var honest = await net.ConnectAsync(target, IPAddress.Parse("127.0.9.2"), bestHeight: 31);
        var next = TestNetwork.MineCandidate(newcomer.Chain, [], miner);
        clock.Restart();
        await honest.AnnounceAsync([next]);
        await Wait.UntilAsync(() => target.Chain.Tip.Hash == next.Hash, TimeSpan.FromSeconds(1), "the honest block to be accepted under the floods");
        var blockMs = clock.ElapsedMilliseconds;

        await stop.CancelAsync();
        await Task.WhenAll(floods);
        output.WriteLine($"under floods: newcomer synced 30 blocks in {syncMs} ms; honest block accepted in {blockMs} ms; " +
            $"orphan pool {target.Sync.State.OrphanBlockBytes} bytes, {target.Peers.Count} connections");
        Assert.InRange(target.Sync.State.OrphanBlockBytes, 0, target.Config.OrphanBlockBytes);
    }

    /// <summary>Repeats <paramref name="send"/> until stopped or until the node hangs up on the flooder.</summary>
    private static Task Flood(Func<Task> send, CancellationToken stop) => Task.Run(async () =>
    {
        try
        {
            while (!stop.IsCancellationRequested)
                await send();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Disconnected (or stalled by a full socket buffer): the flood is over for this peer.
        }
    }, CancellationToken.None);
}
