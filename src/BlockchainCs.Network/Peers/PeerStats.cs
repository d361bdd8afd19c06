namespace BlockchainCs.Network;

/// <summary>
/// What a connection has done so far, updated by its read and write loops and read by eviction, pings and
/// getpeerinfo from other threads (every field is read and written atomically).
/// </summary>
public sealed class PeerStats
{
    private int _bestHeight;
    private int _banScore;
    private long _toldSecond;
    private int _toldCount;
    private long _bytesSent;
    private long _bytesReceived;
    private long _lastReceiveTicks;
    private long _lastBlockTicks;
    private long _lastTxTicks;
    private long _lastServedBlockTicks;
    private long _pingNonce;
    private long _pingSentTicks;
    private long _pingTicks = -1;
    private long _minPingTicks = -1;
    private long _queuedBlockBytes;

    public PeerStats(DateTimeOffset connectedAt) => _lastReceiveTicks = connectedAt.UtcTicks;

    /// <summary>The best height the peer announced, raised as it announces or sends blocks.</summary>
    public int BestHeight => Volatile.Read(ref _bestHeight);

    /// <summary>Misbehaviour points so far (see <see cref="Misbehavior"/>).</summary>
    public int BanScore => Volatile.Read(ref _banScore);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public DateTimeOffset LastReceive => At(ref _lastReceiveTicks);

    /// <summary>When the peer last gave us a new valid block / transaction (eviction protects useful peers).</summary>
    public DateTimeOffset LastBlock => At(ref _lastBlockTicks);

    public DateTimeOffset LastTransaction => At(ref _lastTxTicks);

    /// <summary>When we last sent this peer a block it asked for (a node syncing from us).</summary>
    public DateTimeOffset LastServedBlock => At(ref _lastServedBlockTicks);

    /// <summary>The last and the lowest ping round trip, once measured.</summary>
    public TimeSpan? PingTime => Span(ref _pingTicks);

    public TimeSpan? MinPing => Span(ref _minPingTicks);

    /// <summary>Bytes of this peer's blocks waiting for the single writer (its read loop waits beyond a budget).</summary>
    public long QueuedBlockBytes => Interlocked.Read(ref _queuedBlockBytes);

    public void AddQueuedBlockBytes(long bytes) => Interlocked.Add(ref _queuedBlockBytes, bytes);

    public void RaiseBestHeight(int height)
    {
        int current;
        while (height > (current = Volatile.Read(ref _bestHeight)) && Interlocked.CompareExchange(ref _bestHeight, height, current) != current)
        {
        }
    }

    public int AddBanScore(int points) => Interlocked.Add(ref _banScore, points);

    /// <summary>Messages of one peer a second told at the default log level; beyond, they are debug detail.</summary>
    public const int MaxToldPerSecond = 10;

    /// <summary>
    /// Whether a message received at <paramref name="now"/> may be told at the default level: at most
    /// <see cref="MaxToldPerSecond"/> a second per peer, so a flooding peer cannot fill the log (or the disk under it).
    /// Called from the peer's read loop only.
    /// </summary>
    public bool TryTell(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (second != _toldSecond)
        {
            _toldSecond = second;
            _toldCount = 0;
        }

        return ++_toldCount <= MaxToldPerSecond;
    }

    public void Sent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void Received(int bytes, DateTimeOffset at)
    {
        Interlocked.Add(ref _bytesReceived, bytes);
        Volatile.Write(ref _lastReceiveTicks, at.UtcTicks);
    }

    public void NoteBlock(DateTimeOffset at) => Volatile.Write(ref _lastBlockTicks, at.UtcTicks);

    public void NoteTransaction(DateTimeOffset at) => Volatile.Write(ref _lastTxTicks, at.UtcTicks);

    public void NoteServedBlock(DateTimeOffset at) => Volatile.Write(ref _lastServedBlockTicks, at.UtcTicks);

    /// <summary>Records an outgoing ping; false when one is still unanswered (or the nonce is the reserved 0).</summary>
    public bool StartPing(ulong nonce, DateTimeOffset at)
    {
        if (nonce == 0 || Interlocked.CompareExchange(ref _pingNonce, (long)nonce, 0) != 0)
            return false;
        Volatile.Write(ref _pingSentTicks, at.UtcTicks);
        return true;
    }

    /// <summary>How long our ping has waited for its pong, or null when none is pending.</summary>
    public TimeSpan? PingWaiting(DateTimeOffset now) => Interlocked.Read(ref _pingNonce) == 0 ? null : now - At(ref _pingSentTicks);

    /// <summary>A pong: when it answers our ping, records the round trip.</summary>
    public void Pong(ulong nonce, DateTimeOffset at)
    {
        if (nonce == 0 || Interlocked.CompareExchange(ref _pingNonce, 0, (long)nonce) != (long)nonce)
            return;
        var rtt = at.UtcTicks - Volatile.Read(ref _pingSentTicks);
        Volatile.Write(ref _pingTicks, rtt);
        var min = Volatile.Read(ref _minPingTicks);
        if (min < 0 || rtt < min)
            Volatile.Write(ref _minPingTicks, rtt);
    }

    private static DateTimeOffset At(ref long ticks) => new(Volatile.Read(ref ticks), TimeSpan.Zero);

    private static TimeSpan? Span(ref long ticks) => Volatile.Read(ref ticks) is var value && value >= 0 ? TimeSpan.FromTicks(value) : null;
}
