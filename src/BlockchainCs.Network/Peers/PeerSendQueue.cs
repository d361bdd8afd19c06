using System.Collections.Concurrent;
using System.Threading.Channels;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// The sending half of a connection. Messages wait in a queue bounded in bytes; getdata items wait as the 36-byte
/// requests they are and are answered one at a time, each read from the store only when the previous answer has been
/// written to the socket. So a peer that asks for a 4 MB block 250 times and never reads costs one block at a time,
/// not 1 GB; a peer whose queue overflows, or whose writes stall, is disconnected.
/// </summary>
internal sealed class PeerSendQueue(PeerLimits limits, TimeProvider time)
{
    private readonly ConcurrentQueue<byte[]> _messages = new();
    private readonly ConcurrentQueue<InventoryVector> _requests = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _queuedBytes;
    private int _pendingRequests;
    private long _writingSinceTicks;
    private volatile bool _closed;

    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    public int PendingRequests => Volatile.Read(ref _pendingRequests);

    /// <summary>Queues a framed message; false when it would overflow the byte budget (one message always fits an empty queue).</summary>
    public bool TryEnqueue(byte[] message)
    {
        if (_closed)
            return true;
        var after = Interlocked.Add(ref _queuedBytes, message.Length);
        if (after > limits.MaxSendQueueBytes && after != message.Length)
        {
            Interlocked.Add(ref _queuedBytes, -message.Length);
            return false;
        }

        _messages.Enqueue(message);
        _signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Queues getdata items to answer lazily; false when the peer has asked for more than it lets us answer.</summary>
    public bool TryRequest(IReadOnlyList<InventoryVector> items)
    {
        if (_closed)
            return true;
        if (Interlocked.Add(ref _pendingRequests, items.Count) > limits.MaxPendingRequests)
        {
            Interlocked.Add(ref _pendingRequests, -items.Count);
            return false;
        }

        foreach (var item in items)
            _requests.Enqueue(item);
        _signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>How long the current write has been blocked (the peer does not read), or zero when none is under way.</summary>
    public TimeSpan WritingFor(DateTimeOffset now)
    {
        var since = Volatile.Read(ref _writingSinceTicks);
        return since == 0 ? TimeSpan.Zero : now - new DateTimeOffset(since, TimeSpan.Zero);
    }

    /// <summary>Stops answering requests; what is queued is still written, then <see cref="RunAsync"/> ends.</summary>
    public void Close()
    {
        _closed = true;
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Writes queued messages first, then answers requests one by one, until closed and drained.</summary>
    public async Task RunAsync(Stream stream, NetworkMagic magic, Func<InventoryVector, List<byte[]>, bool> respond, Action<int> onSent)
    {
        var responses = new List<byte[]>();
        var notFound = new List<InventoryVector>();
        while (true)
        {
            if (_messages.TryDequeue(out var message))
            {
                await WriteAsync(stream, message, onSent);
                Interlocked.Add(ref _queuedBytes, -message.Length);
                continue;
            }

            if (!_closed && _requests.TryDequeue(out var item))
            {
                Interlocked.Decrement(ref _pendingRequests);
                responses.Clear();
                if (!respond(item, responses))
                    notFound.Add(item);
                foreach (var response in responses)
                    await WriteAsync(stream, response, onSent);
                if (notFound.Count > 0 && (_requests.IsEmpty || notFound.Count == InventoryList.MaxItems))
                {
                    await WriteAsync(stream, MessageFraming.Encode(magic, new Protocol.Payloads.NotFoundPayload([.. notFound])), onSent);
                    notFound.Clear();
                }

                continue;
            }

            if (_closed)
                return;
            await _signal.Reader.ReadAsync();
        }
    }

    private async Task WriteAsync(Stream stream, byte[] bytes, Action<int> onSent)
    {
        Volatile.Write(ref _writingSinceTicks, time.GetUtcNow().UtcTicks);
        await stream.WriteAsync(bytes);
        Volatile.Write(ref _writingSinceTicks, 0);
        onSent(bytes.Length);
    }
}
