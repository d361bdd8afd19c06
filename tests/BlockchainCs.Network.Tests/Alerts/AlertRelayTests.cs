using System.Diagnostics;
using System.Net;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;
using static BlockchainCs.Network.Tests.Alerts.AlertTestKeys;

namespace BlockchainCs.Network.Tests.Alerts;

/// <summary>
/// Alerts on a real network: a correctly signed alert reaches every node quickly, each peer gets it once (and new
/// peers while it lives); a forged one reaches nobody and its sender is banned by its real address; an expired one is
/// refused without punishment.
/// </summary>
[Collection(Serial.Name)]
public sealed class AlertRelayTests(ITestOutputHelper output)
{
    private static AlertBody LiveBody(int id, string message = "Upgrade before block 500") =>
        Body(id, message, created: DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task TenNodes_ValidAlert_ReachesEveryNodeWithin1s_EachPeerGetsItOnce_NewPeersToo()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var nodes = new List<Network.Node>();
        for (var i = 0; i < 10; i++)
        {
            // Each node dials the two before it: a mesh where the alert has several ways to go.
            PeerAddress[] seeds = [.. nodes.Skip(Math.Max(0, i - 2)).Select(n => n.ListenAddress)];
            nodes.Add(net.StartNode(net.CreateChain($"n{i}"), c => c with { Seeds = seeds }, $"n{i}"));
        }

        for (var i = 1; i < 10; i++)
            await TestNetwork.WaitConnectedAsync(nodes[i], nodes[i - 1]);
        await TestNetwork.WaitConnectedAsync(nodes[9], nodes[7]);
        var sender = await net.ConnectAsync(nodes[0]);
        var listeners = new[] { await net.ConnectAsync(nodes[5]), await net.ConnectAsync(nodes[9]) };
        var alert = Signed(LiveBody(42), 0, 2);

        var clock = Stopwatch.StartNew();
        await sender.SendAsync(alert);
        await Wait.UntilAsync(() => nodes.All(n => n.Alerts.Live(n.Time.GetUtcNow()).Count == 1), TimeSpan.FromSeconds(1), "the alert to reach all 10 nodes");
        var elapsed = clock.ElapsedMilliseconds;

        output.WriteLine($"the alert reached 10 nodes in {elapsed} ms");
        foreach (var listener in listeners)
        {
            await Wait.UntilAsync(() => listener.Received.OfType<AlertPayload>().Any(a => a.Hash == alert.Hash), "the alert to reach a test peer");
            await listener.SyncAsync();
            Assert.Single(listener.Received.OfType<AlertPayload>());
        }

        // The same alert again, from the sender: already seen, nothing relayed twice.
        await sender.SendAsync(alert);
        await sender.SyncAsync();
        foreach (var listener in listeners)
        {
            await listener.SyncAsync();
            Assert.Single(listener.Received.OfType<AlertPayload>());
        }

        Assert.All(nodes, n => Assert.Equal(1, net.Logs(n).Count("ALERT 42 (priority 1")));
        var latecomer = await net.ConnectAsync(nodes[3]);
        // Pushed right after the handshake (which may have read it already): look at everything received.
        await Wait.UntilAsync(() => latecomer.Received.OfType<AlertPayload>().Any(a => a.Hash == alert.Hash), "the live alert to reach a new peer");
    }

    [Fact]
    public async Task LightWallet_HearsTheLiveAlertFromItsFullNode_AndShowsIt()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var node = net.Start();
        var alert = Signed(LiveBody(12, "Light wallets too"), 1, 2);
        Assert.Equal(AlertVerdict.Accepted, node.ReceiveAlert(alert, null).Verdict);

        var light = net.StartSpv(Core.Wallets.Wallet.Generate(), node.ListenAddress);

        await Wait.UntilAsync(() => light.Alerts.Live(light.Time.GetUtcNow()).Count == 1, "the light wallet to hear the alert");
        Assert.True(net.Logs(light).Contains("ALERT 12 (priority 1"), "shown in its log");
    }

    [Fact]
    public async Task ForgedAlert_ReachesNoNode_SenderBannedByItsRealAddress()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var a = net.Start(name: "a");
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);
        await TestNetwork.WaitConnectedAsync(a, b);
        var forger = await net.ConnectAsync(a, IPAddress.Parse("127.0.0.2"));
        var listener = await net.ConnectAsync(b);

        await forger.SendAsync(Signed(LiveBody(7, "Send your coins to 1Thief"), 0));

        await forger.WaitClosedAsync();
        Assert.Contains(a.Bans.Entries(), e => e.Address == "127.0.0.2");
        await listener.SyncAsync();
        Assert.Empty(listener.Received.OfType<AlertPayload>());
        Assert.Empty(a.Alerts.Live(a.Time.GetUtcNow()));
        Assert.Empty(b.Alerts.Live(b.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AlertOver1KiB_CutOffAtItsHeader_SenderBanned()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var node = net.Start();
        var peer = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.2"));
        var valid = PayloadCodec.Encode(Signed(LiveBody(3), 0, 1));

        // A correctly signed alert padded past 1,024 bytes: refused from the length in its header, before it is read.
        await peer.SendAsync(Commands.Alert, [.. valid, .. new byte[AlertPayload.MaxSize + 1 - valid.Length]]);

        await peer.WaitClosedAsync();
        Assert.Contains(node.Bans.Entries(), e => e.Address == "127.0.0.2");
        Assert.Empty(node.Alerts.Live(node.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ExpiredAlert_RefusedWithAReject_SenderNotPunished()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var node = net.Start();
        var peer = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.2"));
        var expired = Signed(Body(5, created: DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds()), 1, 2);

        await peer.SendAsync(expired);

        var reject = await peer.ExpectAsync<RejectPayload>();
        Assert.Equal((Commands.Alert, RejectCode.Obsolete, expired.Hash), (reject.Message, reject.Code, reject.Hash));
        await peer.SyncAsync();
        Assert.Equal(0, node.ReadyPeers.Single().Stats.BanScore);
        Assert.Empty(node.Alerts.Live(node.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ChainWithoutAlertKeys_AnyAlertIsMisbehaviour()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var peer = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.2"));

        await peer.SendAsync(Signed(LiveBody(1), 0, 1));

        await peer.WaitClosedAsync();
        Assert.Contains(node.Bans.Entries(), e => e.Reason.Contains("no alert keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_LiveAlertsAreKept()
    {
        await using var net = new TestNetwork(output, TwoOfThree);
        var chain = net.CreateChain("restart");
        var first = net.StartNode(chain, c => c, "first");
        var alert = Signed(LiveBody(9), 0, 1);
        Assert.Equal(AlertVerdict.Accepted, first.ReceiveAlert(alert, null).Verdict);

        await first.DisposeAsync();
        var second = net.StartNode(chain, c => c, "second");

        Assert.Equal([alert.Hash], second.Alerts.Live(second.Time.GetUtcNow()).Select(a => a.Hash));
    }
}
