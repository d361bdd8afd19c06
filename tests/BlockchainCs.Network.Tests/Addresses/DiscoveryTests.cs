using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Addresses;

/// <summary>getaddr/addr discovery, its rate limit, and the saved address book.</summary>
public sealed class DiscoveryTests(ITestOutputHelper output)
{
    private static TimestampedAddress Entry(int i) =>
        new(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), new NetworkAddress((ulong)ServiceFlags.Network, $"10.{i / 250 % 250}.{i % 250}.1", 8333));

    [Fact]
    public async Task GetAddr_SeededWithOneNode_LearnsAndConnectsToAnother()
    {
        await using var net = new TestNetwork(output);
        var a = net.Start();
        var b = net.Start(c => c with { Seeds = [a.ListenAddress] });
        await Wait.UntilAsync(() => TestNetwork.IsConnectedTo(b, a.ListenAddress) && a.Addresses.Contains(b.ListenAddress), "B announced its address to A");

        // C knows only A and accepts no inbound connection, so reaching B means C dialled what A told it.
        var c = net.Start(cfg => cfg with { Seeds = [a.ListenAddress], MaxInbound = 0 });
        await Wait.UntilAsync(() => c.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.ListenAddress.Key), "C connects to B");
        Assert.True(TestNetwork.IsConnectedTo(c, a.ListenAddress));
    }

    [Fact]
    public async Task Restart_SeedGone_ConnectsThroughSavedAddresses()
    {
        await using var net = new TestNetwork(output);
        var a = net.Start();
        var b = net.Start(c => c with { Seeds = [a.ListenAddress] });
        await Wait.UntilAsync(() => a.Addresses.Contains(b.ListenAddress), "A knows B");
        var chain = net.CreateChain("c");
        var c = net.StartNode(chain, cfg => cfg with { Seeds = [a.ListenAddress], MaxInbound = 0 });
        await Wait.UntilAsync(() => c.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.ListenAddress.Key), "C learned B from A");

        // Stop C (it saves its address book in its chain database) and its only seed.
        await c.DisposeAsync();
        await a.DisposeAsync();

        var restarted = net.StartNode(chain, cfg => cfg with { Seeds = [a.ListenAddress], MaxInbound = 0 });
        Assert.True(restarted.Addresses.Contains(b.ListenAddress), "the saved book is loaded at start");
        await Wait.UntilAsync(() => restarted.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.ListenAddress.Key), "C reconnects to B without its seed");
    }

    [Fact]
    public async Task Addr_3000AddressesInThreeMessages_OnlyTheFirst1000Taken_PeerKept()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { MaxOutbound = 0 });
        var peer = await net.ConnectAsync(node);
        var before = node.Addresses.Count;

        for (var round = 0; round < 3; round++)
            await peer.SendAsync(new AddrPayload([.. Enumerable.Range(round * 1_000, 1_000).Select(Entry)]));
        await peer.SyncAsync();

        // The rate limit (a burst of 1,000, then one per 10 s) counted every entry; the book took what fit its buckets.
        Assert.InRange(node.Addresses.Count - before, 1, 1_000);
        Assert.False(peer.IsClosed, "1,000 addresses per message is allowed: the peer stays");
    }

    [Fact]
    public async Task Addr_Over1000Entries_IsMalformedAndPunished()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { MaxOutbound = 0 });
        var flooder = await net.ConnectAsync(node);

        // AddrPayload refuses to encode more than 1,000 entries, so the flood is written by hand.
        var writer = new ByteWriter();
        writer.WriteCompactSize(AddrPayload.MaxAddresses + 1);
        for (var i = 0; i <= AddrPayload.MaxAddresses; i++)
            Entry(i).Write(writer);
        await flooder.SendAsync(Commands.Addr, writer.ToArray());

        await flooder.WaitClosedAsync();
        Assert.True(net.Logs(node).Contains("MalformedMessage"));
        Assert.True(node.Addresses.Count < 10, $"the flood must not enter the address book ({node.Addresses.Count})");
    }
}
