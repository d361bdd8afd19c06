using System.Buffers;
using System.Buffers.Binary;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Peers;

/// <summary>
/// Hostile peer item 1: a header that declares a large payload allocates nothing until the bytes arrive, and before the
/// handshake nothing larger than a version message (1 KiB) is accepted at all.
/// </summary>
[Collection(Serial.Name)]
public sealed class PayloadAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadPooled_BlockHeaderDeclares3_9MB_Sends25Bytes_RentsAtMost64KiB()
    {
        var pool = new RecordingPool();
        using var stream = new MemoryStream([.. Header(Commands.Block, 3_900_000), .. new byte[25]]);

        await Assert.ThrowsAsync<ProtocolException>(async () =>
            await MessageFraming.ReadPooledAsync(stream, NetworkMagic.Main, PayloadLimits.For, pool));

        Assert.Equal(MessageFraming.InitialChunk, pool.LargestRent);
    }

    [Fact]
    public async Task ReadPooled_HeaderDeclares32MiB_RefusedAtTheHeader_NothingRentedForThePayload()
    {
        var pool = new RecordingPool();
        using var stream = new MemoryStream(Header(Commands.Block, 32 * 1024 * 1024));

        var error = await Assert.ThrowsAsync<ProtocolException>(async () =>
            await MessageFraming.ReadPooledAsync(stream, NetworkMagic.Main, PayloadLimits.For, pool));

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
        Assert.Equal(MessageFraming.HeaderSize, pool.LargestRent);
    }

    [Fact]
    public async Task ReadPooled_BeforeHandshake_VersionDeclaring2KiB_Refused()
    {
        using var stream = new MemoryStream(Header(Commands.Version, 2_048));

        await Assert.ThrowsAsync<ProtocolException>(async () =>
            await MessageFraming.ReadPooledAsync(stream, NetworkMagic.Main, PayloadLimits.ForHandshake, ArrayPool<byte>.Shared));
    }

    [Fact]
    public async Task Node_120ConnectionsDeclaring3_9MBBlocks_Sending25BytesEach_AllocatesUnder64MiB()
    {
        const int Connections = 120;
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { MaxInbound = Connections + 10 });
        var peers = new List<TestPeer>();
        for (var i = 0; i < Connections; i++)
            peers.Add(await net.ConnectAsync(node));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        foreach (var peer in peers)
            await peer.SendRawAsync([.. Header(Commands.Block, 3_900_000), .. new byte[25]]);
        // Every connection's read loop has taken the header and the 25 bytes (a ping sent after them is queued behind).
        await Wait.UntilAsync(() => node.Peers.Sum(p => p.Stats.BytesReceived) >= Connections * (MessageFraming.HeaderSize + 25L),
            "the node to read what every connection sent");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"{Connections} connections x 25 bytes of a declared 3.9 MB block: {allocated / 1024.0 / 1024.0:0.0} MiB allocated");
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB; 120 x 3.9 MB would be 446 MiB");
        Assert.Equal(Connections, node.ReadyPeers.Count());
    }

    [Fact]
    public async Task Node_VersionDeclaring32MiB_DisconnectedBeforeTheHandshake()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var peer = await net.ConnectRawAsync(node);

        await peer.SendRawAsync(Header(Commands.Version, 32 * 1024 * 1024));

        await peer.WaitClosedAsync();
        Assert.Empty(node.ReadyPeers);
    }

    /// <summary>A message header declaring <paramref name="length"/> payload bytes (the checksum is never reached).</summary>
    private static byte[] Header(string command, int length)
    {
        var header = MessageFraming.Encode(NetworkMagic.Main, command, []);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), length);
        return header;
    }

    /// <summary>An array pool that remembers the largest buffer asked of it.</summary>
    private sealed class RecordingPool : ArrayPool<byte>
    {
        public int LargestRent { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            LargestRent = Math.Max(LargestRent, minimumLength);
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }
}
