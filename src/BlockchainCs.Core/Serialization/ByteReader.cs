using System.Buffers.Binary;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Serialization;

/// <summary>
/// ByteReader reads what <see cref="ByteWriter"/> writes. Every read checks the remaining length and every
/// count is checked against a caller-given limit before anything is allocated, so hostile input cannot
/// make it allocate more than the input's own size.
/// </summary>
public ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Hash256 ReadHash() => new(Take(Hash256.Size));

    public ReadOnlySpan<byte> ReadSpan(int count) => Take(count);

    public byte[] ReadBytes(int count) => Take(count).ToArray();

    /// <summary>Reads a CompactSize and refuses values above <paramref name="max"/> or non-canonical encodings.</summary>
    public ulong ReadCompactSize(ulong max)
    {
        var prefix = ReadByte();
        ulong value;
        ulong minimum;
        switch (prefix)
        {
            case < 0xFD:
                value = prefix;
                minimum = 0;
                break;
            case 0xFD:
                value = ReadUInt16();
                minimum = 0xFD;
                break;
            case 0xFE:
                value = ReadUInt32();
                minimum = 0x1_0000;
                break;
            default:
                value = ReadUInt64();
                minimum = 0x1_0000_0000;
                break;
        }

        if (value < minimum)
            throw new DecodeException("non-canonical CompactSize");
        if (value > max)
            throw new DecodeException($"count {value} exceeds the limit of {max}");
        return value;
    }

    /// <summary>Reads a count that is checked against both a limit and the bytes left (each item needs at least <paramref name="minItemSize"/> bytes).</summary>
    public int ReadCount(int max, int minItemSize = 1)
    {
        var count = (int)ReadCompactSize((ulong)max);
        if ((long)count * Math.Max(1, minItemSize) > Remaining)
            throw new DecodeException($"count {count} is larger than the data that follows");
        return count;
    }

    public byte[] ReadVarBytes(int max) => ReadBytes(ReadCount(max));

    public string ReadVarString(int max) => System.Text.Encoding.UTF8.GetString(ReadSpan(ReadCount(max)));

    public readonly void EnsureEnd()
    {
        if (!IsAtEnd)
            throw new DecodeException($"{Remaining} unexpected trailing bytes");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
            throw new DecodeException($"truncated data: needed {count} bytes, {Remaining} left");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
