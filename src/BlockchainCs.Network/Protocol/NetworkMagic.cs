using System.Buffers.Binary;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// The four bytes that open every message and name the network, so that nodes of different networks (or
/// a stray HTTP client) are told apart at the first byte. <see cref="Value"/> is the four bytes read
/// big-endian, so 0x42434353 is sent as 42 43 43 53 ("BCCS").
/// </summary>
public readonly record struct NetworkMagic(uint Value)
{
    public const int Size = 4;

    /// <summary>"BCCS": the main BlockchainCs network.</summary>
    public static NetworkMagic Main => new(0x4243_4353);

    public static NetworkMagic Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    public void CopyTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public override string ToString() => $"0x{Value:x8}";
}
