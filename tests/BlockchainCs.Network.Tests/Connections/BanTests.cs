using System.Net;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Connections;

/// <summary>
/// Hostile peer item 8: a ban names the IP a connection really comes from, never the listen address a peer claims; peers
/// on the node's own IP are disconnected, not banned; the ban list is bounded and survives a restart.
/// </summary>
public sealed class BanTests(ITestOutputHelper output)
{
    private static readonly IPAddress AttackerIp = IPAddress.Parse("127.0.0.66");
    private static readonly IPAddress HonestIp = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task Ban_AttackerClaimsAnHonestNodesListenAddress_OnlyTheAttackersOwnIpIsBanned_HonestNodeStillConnects()
    {
        await using var net = new TestNetwork(output);
        var target = net.Start(prepare: chain => TestNetwork.AddBlocks(chain, 2, Wallet.Generate().PubKeyHash));
        var honestListen = new PeerAddress(HonestIp.ToString(), Ports.Free(HonestIp));
        var attacker = await net.ConnectRawAsync(target, from: AttackerIp);
        await attacker.HandshakeAsync(listenAddress: honestListen);

        await attacker.SendAsync(new BlockPayload(Branches.WithoutProofOfWork(target.Chain)));
        await attacker.WaitClosedAsync();

        Assert.True(target.Bans.IsBanned(AttackerIp));
        Assert.False(target.Bans.IsBanned(HonestIp), "the claimed listen address must not be banned");
        Assert.Single(target.Bans.Entries());
        var honest = net.StartNode(net.CreateChain("honest"), c => c with { Listen = honestListen, Seeds = [target.ListenAddress] });
        await Wait.UntilAsync(() => honest.Chain.Tip.Height == 2, "the honest node whose address was claimed to sync");

        // The attacker's ban holds from any port, with or without a listen address.
        var again = await net.ConnectRawAsync(target, from: AttackerIp);
        await again.WaitClosedAsync();
        Assert.DoesNotContain(again.Received, p => p is VerackPayload);
    }

    [Fact]
    public async Task Ban_MisbehavingPeerOnTheNodesOwnIp_IsDisconnectedButNotBanned()
    {
        await using var net = new TestNetwork(output);
        var target = net.Start();
        var local = await net.ConnectAsync(target, IPAddress.Loopback);

        await local.SendAsync(new BlockPayload(Branches.WithoutProofOfWork(target.Chain)));
        await local.WaitClosedAsync();

        Assert.Empty(target.Bans.Entries());
        Assert.True(net.Logs(target).Contains("not banned"));
        var back = await net.ConnectAsync(target, IPAddress.Loopback);
        Assert.False(back.IsClosed);
    }

    [Fact]
    public async Task BanList_PersistedInTheChainDatabase_HoldsAfterARestart()
    {
        await using var net = new TestNetwork(output);
        var chain = net.CreateChain("target");
        var target = net.StartNode(chain, c => c);
        var attacker = await net.ConnectAsync(target, AttackerIp);
        await attacker.SendAsync(new BlockPayload(Branches.WithoutProofOfWork(target.Chain)));
        await attacker.WaitClosedAsync();
        await target.DisposeAsync();

        var restarted = net.StartNode(chain, c => c);

        Assert.True(restarted.Bans.IsBanned(AttackerIp));
        var again = await net.ConnectRawAsync(restarted, from: AttackerIp);
        await again.WaitClosedAsync();
    }

    [Fact]
    public void BanList_10000PlusOneBans_BoundedByCapacity_TheSoonestEndingMakesRoom_RoundTripsThroughBytes()
    {
        var time = new ShiftedTimeProvider();
        var bans = new BanList(time, capacity: 10_000);
        for (var i = 0; i < 10_000; i++)
            bans.Ban(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]), TimeSpan.FromHours(1) + TimeSpan.FromSeconds(i), "test");
        bans.Ban(IPAddress.Parse("192.0.2.1"), TimeSpan.FromDays(1), "newest\r\nwith a forged log line");

        Assert.Equal(10_000, bans.Count);
        Assert.False(bans.IsBanned(IPAddress.Parse("10.0.0.0")), "the ban closest to its end made room");
        Assert.True(bans.IsBanned(IPAddress.Parse("192.0.2.1")));
        var bytes = bans.Serialize();
        output.WriteLine($"10,000 bans serialize to {bytes.Length} bytes");
        var loaded = new BanList(time);
        Assert.Equal(10_000, loaded.Load(bytes));
        Assert.True(loaded.IsBanned(IPAddress.Parse("192.0.2.1")));
        Assert.DoesNotContain(loaded.Entries(), e => e.Reason.Any(char.IsControl));

        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, loaded.Count);
    }
}
