using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// Addresses of nodes the sender knows (the tutorial's addr, which sent bare "host:port" strings), each with
/// when it was last seen. At most <see cref="MaxAddresses"/> per message.
/// </summary>
public sealed record AddrPayload(IReadOnlyList<TimestampedAddress> Addresses) : IPayload
{
    public const int MaxAddresses = 1_000;

    public string Command => Commands.Addr;

    public void Write(ByteWriter writer)
    {
        WireFormat.WriteCount(writer, Addresses.Count, MaxAddresses, nameof(Addresses));
        foreach (var address in Addresses)
            address.Write(writer);
    }

    public static AddrPayload Read(ref ByteReader reader)
    {
        var addresses = new TimestampedAddress[WireFormat.ReadCount(ref reader, MaxAddresses, TimestampedAddress.MinSize, nameof(Addresses))];
        for (var i = 0; i < addresses.Length; i++)
            addresses[i] = TimestampedAddress.Read(ref reader);
        return new AddrPayload(addresses);
    }

    public bool Equals(AddrPayload? other) => other is not null && SequenceEquality.Equal(Addresses, other.Addresses);

    public override int GetHashCode() => SequenceEquality.Hash(Addresses);
}
