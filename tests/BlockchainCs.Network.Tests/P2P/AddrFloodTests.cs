using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.P2P;

public sealed class AddrFloodTests
{
    private static TimestampedAddress Entry(int i) =>
        new(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), new NetworkAddress((ulong)ServiceFlags.Network, "192.0.2.1", (ushort)(1_000 + i)));

    [Fact]
    public async Task Addr_OverThousandEntries_DisconnectsAndBans()
    {
        await using var net = new TestNetwork();
        var node = net.Start(TestNetwork.Config() with { MaxOutbound = 1 });
        await using var flooder = await RawPeer.ConnectAsync(node, net.GenesisHash);

        // AddrPayload refuses to encode more than 1,000 entries, so the flood is written by hand.
        var writer = new ByteWriter();
        writer.WriteCompactSize(AddrPayload.MaxAddresses + 1);
        for (var i = 0; i <= AddrPayload.MaxAddresses; i++)
            Entry(i).Write(writer);
        await flooder.SendRawAsync(Commands.Addr, writer.ToArray());

        await flooder.WaitClosedAsync();
        Assert.True(node.Node.Bans.IsBanned(BanList.KeyOf(flooder.ListenAddress)));
        Assert.True(node.Logs.Contains("Banned"));
        Assert.True(node.Node.Addresses.Count < 10, $"the flood must not enter the address book ({node.Node.Addresses.Count})");
    }

    [Fact]
    public async Task Addr_RepeatedMessages_OnlyFirstThousandPerWindowTaken()
    {
        await using var net = new TestNetwork();
        var node = net.Start(TestNetwork.Config() with { MaxOutbound = 1 });
        await using var peer = await RawPeer.ConnectAsync(node, net.GenesisHash);
        var before = node.Node.Addresses.Count;

        for (var round = 0; round < 3; round++)
            await peer.SendAsync(new AddrPayload([.. Enumerable.Range(round * 1_000, 1_000).Select(Entry)]));
        await peer.SyncAsync();

        var taken = node.Node.Addresses.Count - before;
        Assert.Equal(AddrPayload.MaxAddresses, taken);
        Assert.False(peer.IsClosed, "1,000 addresses per message is allowed: the peer stays");
        Assert.False(node.Node.Bans.IsBanned(BanList.KeyOf(peer.ListenAddress)));
        Assert.True(node.Logs.Contains("Ignoring the rest of an addr flood"));
    }

    [Fact]
    public void AddressBook_AddBeyondCapacity_StaysBounded()
    {
        var book = new AddressBook(TimeProvider.System, capacity: 500);
        for (var i = 0; i < 2_000; i++)
            book.Add(new PeerAddress("192.0.2.7", 1_000 + i));

        Assert.Equal(500, book.Count);
        Assert.True(book.Add(new PeerAddress("localhost", 3000), isSeed: true), "seeds are always kept");
    }
}
