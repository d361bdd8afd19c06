namespace BlockchainCs.Network;

/// <summary>The byte and time budgets of one connection.</summary>
public sealed record PeerLimits
{
    /// <summary>A connection that has not finished the version/verack handshake in this time is closed.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of messages waiting to be sent; a peer that lets more pile up does not read, and is disconnected.</summary>
    public long MaxSendQueueBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>getdata items waiting to be answered (each costs the 36 bytes the peer sent; answers are read lazily).</summary>
    public int MaxPendingRequests { get; init; } = 100_000;

    /// <summary>A write that makes no progress for this long means the peer stopped reading: it is disconnected.</summary>
    public TimeSpan SendStallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a closing connection may take to deliver what is queued (a reject explaining the close).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
}
