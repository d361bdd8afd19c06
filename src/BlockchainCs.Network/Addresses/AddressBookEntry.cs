namespace BlockchainCs.Network;

/// <summary>One known listen address: where it came from, when it was seen and reached, and its dialling back-off.</summary>
public sealed class AddressBookEntry(PeerAddress address, bool isSeed, string sourceGroup)
{
    public PeerAddress Address { get; } = address;

    /// <summary>Given on the command line (--seed): kept outside the tables and never evicted.</summary>
    public bool IsSeed { get; } = isSeed;

    /// <summary>The network group of the peer that told us about it (new-table buckets are keyed by it).</summary>
    public string SourceGroup { get; } = sourceGroup;

    /// <summary>True once a connection to it completed the handshake: it lives in the tried table.</summary>
    public bool IsTried { get; set; }

    /// <summary>Its slot in the new or tried table (-1 for a seed).</summary>
    public int Slot { get; set; } = -1;

    public DateTimeOffset LastSeen { get; set; }

    public DateTimeOffset LastSuccess { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset NextAttempt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Bitcoin Core's IsTerrible: not seen for 30 days, or failing without ever having worked. Its slot may be taken.</summary>
    public bool IsTerrible(DateTimeOffset now) =>
        !IsSeed && (now - LastSeen > TimeSpan.FromDays(30) || (LastSuccess == default && Failures >= 3) || Failures >= 10);
}
