using System.Buffers.Binary;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>
/// Bytes that are not our protocol: the node drops that connection only, and still serves honest peers with its
/// chain and mempool untouched.
/// </summary>
public sealed class NodeMalformedInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Read_GarbageBytes_DisconnectsAndKeepsServing()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);

        await evil.SendRawAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());

        await evil.WaitClosedAsync();
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Read_WrongMagic_DisconnectsAndKeepsServing()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node, new NetworkMagic(0xF9BE_B4D9));

        await evil.SendAsync(evil.VersionMessage());

        await evil.WaitClosedAsync();
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Read_BadChecksum_DisconnectsAndKeepsServing()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);
        await evil.HandshakeAsync();
        var ping = MessageFraming.Encode(NetworkMagic.Main, new PingPayload(42));
        ping[MessageFraming.HeaderSize - 1] ^= 0xFF;

        await evil.SendRawAsync(ping);

        await evil.WaitClosedAsync();
        Assert.DoesNotContain(evil.Received, p => p is PongPayload { Nonce: 42 });
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Read_LengthFieldAbove32MiB_DisconnectsWithoutWaitingForThePayload()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);
        await evil.HandshakeAsync();
        var header = MessageFraming.Encode(NetworkMagic.Main, Commands.Block, [])[..MessageFraming.HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), MessageFraming.MaxPayloadSize + 1);

        // Only the header: a node that believed the length would wait for 32 MiB and never hang up.
        await evil.SendRawAsync(header);

        await evil.WaitClosedAsync();
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Read_TruncatedMessageThenClose_DropsThePeerAndKeepsServing()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);
        await evil.HandshakeAsync();
        Assert.Single(node.Peers);
        var block = MessageFraming.Encode(NetworkMagic.Main, new BlockPayload(node.Chain.GetBlock(node.Chain.Tip.Hash)!));

        await evil.SendRawAsync(block[..(block.Length / 2)]);
        evil.Close();

        await Wait.UntilAsync(() => node.Peers.Count == 0, "the node to drop the half-sent message's connection");
        await before.AssertUnchangedAndServingAsync(net, node);
    }

    [Fact]
    public async Task Read_UnknownCommand_IsIgnoredAndTheConnectionStaysUp()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net);
        var evil = await net.ConnectRawAsync(node);
        await evil.HandshakeAsync();

        await evil.SendAsync("sendcmpct", [0x01, 0x02, 0x03]);
        await evil.SyncAsync();

        Assert.Single(node.ReadyPeers);
        Assert.Equal(0, node.Bans.Count);
        await before.AssertUnchangedAndServingAsync(net, node);
    }
}
