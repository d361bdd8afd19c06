using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// Asks for the inv of the blocks after the first locator hash the peer knows (the tutorial's getblocks, which asked for every hash).
/// <see cref="HashStop"/> is the last hash wanted, or zero for "as many as allowed".
/// </summary>
public sealed record GetBlocksPayload(int ProtocolVersion, IReadOnlyList<Hash256> Locator, Hash256 HashStop) : IPayload
{
    /// <summary>A locator holds about 10 recent hashes then exponentially sparser ones: 101 covers any chain.</summary>
    public const int MaxLocatorHashes = 101;

    public string Command => Commands.GetBlocks;

    public void Write(ByteWriter writer)
    {
        writer.WriteInt32(ProtocolVersion);
        WireFormat.WriteHashes(writer, Locator, MaxLocatorHashes, nameof(Locator));
        writer.WriteHash(HashStop);
    }

    public static GetBlocksPayload Read(ref ByteReader reader) =>
        new(reader.ReadInt32(), WireFormat.ReadHashes(ref reader, MaxLocatorHashes, nameof(Locator)), reader.ReadHash());

    public bool Equals(GetBlocksPayload? other) =>
        other is not null && ProtocolVersion == other.ProtocolVersion && HashStop == other.HashStop &&
        SequenceEquality.Equal(Locator, other.Locator);

    public override int GetHashCode() => HashCode.Combine(ProtocolVersion, HashStop, SequenceEquality.Hash(Locator));
}
