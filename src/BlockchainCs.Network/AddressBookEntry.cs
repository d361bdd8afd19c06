namespace BlockchainCs.Network;

/// <summary>One known address with its dialling history.</summary>
public sealed class AddressBookEntry(PeerAddress address, bool isSeed)
{
    public PeerAddress Address { get; } = address;

    public bool IsSeed { get; } = isSeed;

    public DateTimeOffset LastSeen { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset NextAttempt { get; set; } = DateTimeOffset.MinValue;
}
