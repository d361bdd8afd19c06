using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>A whole block (the tutorial's block message), serialized exactly as <see cref="Block.Write"/> does.</summary>
public sealed record BlockPayload(Block Block) : IPayload
{
    public string Command => Commands.Block;

    public void Write(ByteWriter writer) => Block.Write(writer);

    public static BlockPayload Read(ref ByteReader reader) => new(Block.Read(ref reader));

    // Block has reference equality; two payloads are equal when they carry the same bytes.
    public bool Equals(BlockPayload? other) => other is not null && Block.ToBytes().AsSpan().SequenceEqual(other.Block.ToBytes());

    public override int GetHashCode() => Block.Hash.GetHashCode();
}
