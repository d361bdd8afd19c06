using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// Names one object a node has or wants: a transaction or a block, by hash (the tutorial's inv items, which
/// sent the type once per message as a string). Wire: type uint32 LE ‖ hash (32 bytes).
/// </summary>
public readonly record struct InventoryVector(InventoryType Type, Hash256 Hash)
{
    public const int Size = 4 + Hash256.Size;

    public void Write(ByteWriter writer)
    {
        if (!Enum.IsDefined(Type))
            throw new ArgumentException($"unknown inventory type {(uint)Type}", nameof(Type));
        writer.WriteUInt32((uint)Type);
        writer.WriteHash(Hash);
    }

    public static InventoryVector Read(ref ByteReader reader)
    {
        var type = (InventoryType)reader.ReadUInt32();
        // Our network is closed: a type we do not know is a bug or an attack, not a newer peer's extension.
        if (!Enum.IsDefined(type))
            throw new DecodeException($"unknown inventory type {(uint)type}");
        return new InventoryVector(type, reader.ReadHash());
    }

    public override string ToString() => $"{Type} {Hash}";
}
