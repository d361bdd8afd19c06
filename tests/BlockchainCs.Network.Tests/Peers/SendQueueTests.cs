using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Peers;

/// <summary>
/// Hostile peer item 2: the send queue is bounded in bytes, getdata is answered lazily (one item read from the store
/// only when the previous answer has been written), and a peer that does not read is disconnected.
/// </summary>
public sealed class SendQueueTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GetData_250RequestsForA4MBBlock_PeerNeverReads_OnlyOneBlockReadFromTheStore()
    {
        var queue = new PeerSendQueue(new PeerLimits(), TimeProvider.System);
        var stream = new StalledStream();
        var block = new byte[4_000_000];
        var responses = 0;
        var item = new InventoryVector(InventoryType.Block, Hash256.Compute([1]));
        Assert.True(queue.TryRequest([.. Enumerable.Repeat(item, 250)]));

        var writer = queue.RunAsync(stream, NetworkMagic.Main, (_, list) =>
        {
            Interlocked.Increment(ref responses);
            list.Add(block);
            return true;
        }, _ => { });
        await Wait.UntilAsync(() => stream.WritesStarted == 1, "the first answer to be written");
        await Wait.StaysTrueAsync(() => Volatile.Read(ref responses) == 1, TimeSpan.FromMilliseconds(200), "no second block read while the first is unsent");

        Assert.Equal(249, queue.PendingRequests);
        Assert.True(queue.WritingFor(DateTimeOffset.UtcNow) > TimeSpan.Zero, "the stalled write is measured");
        queue.Close();
        stream.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => writer);
    }

    [Fact]
    public void TryEnqueue_Over8MiB_Refused()
    {
        var queue = new PeerSendQueue(new PeerLimits(), TimeProvider.System);
        Assert.True(queue.TryEnqueue(new byte[6 * 1024 * 1024]));
        Assert.False(queue.TryEnqueue(new byte[3 * 1024 * 1024]), "6 + 3 MiB is over the 8 MiB budget");
        Assert.True(queue.TryEnqueue(new byte[1024 * 1024]));
        Assert.Equal(7 * 1024 * 1024, queue.QueuedBytes);
    }

    [Fact]
    public async Task GetData_50000ItemsForTheTipBlock_PeerNeverReads_DisconnectedAfterTheStall()
    {
        await using var net = new TestNetwork(output);
        var (node, before) = await TargetNode.StartAsync(net, c => c with
        {
            Limits = new PeerLimits { SendStallTimeout = TimeSpan.FromSeconds(1) },
            PingInterval = TimeSpan.FromMilliseconds(200),
        });
        var peer = await net.ConnectAsync(node);
        peer.PauseReading();
        var tip = new InventoryVector(InventoryType.Block, node.Chain.Tip.Hash);
        long largestQueue = 0;

        await peer.SendAsync(new GetDataPayload([.. Enumerable.Repeat(tip, 50_000)]));
        await Wait.UntilAsync(() =>
        {
            largestQueue = Math.Max(largestQueue, node.Peers.Select(p => p.QueuedSendBytes).DefaultIfEmpty(0).Max());
            return node.Peers.Count == 0;
        }, TimeSpan.FromSeconds(15), "the node to drop the peer that does not read");

        output.WriteLine($"largest send queue seen: {largestQueue} bytes");
        Assert.True(largestQueue <= new PeerLimits().MaxSendQueueBytes);
        Assert.True(net.Logs(node).Contains("has not read what we sent"), "the reason is logged");
        Assert.Equal(before.Tip, node.Chain.Tip);
    }

    /// <summary>A stream whose writes never complete (a peer that stopped reading and whose socket buffers are full).</summary>
    private sealed class StalledStream : Stream
    {
        private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _writesStarted;

        public int WritesStarted => Volatile.Read(ref _writesStarted);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => 0;

        public override long Position { get; set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writesStarted);
            return new ValueTask(_never.Task);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            _never.TrySetException(new ObjectDisposedException(nameof(StalledStream)));
            base.Dispose(disposing);
        }
    }
}
