using System.Buffers;
using System.Buffers.Binary;

namespace BlockchainCs.Core.Serialization;

/// <summary>ByteWriter appends little-endian integers, CompactSize counts and byte strings to a growing buffer.</summary>
public sealed class ByteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public ByteWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(Math.Max(16, initialCapacity));

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteByte(byte value) => Span(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Span(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span(4), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Span(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span(8), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Span(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    public void WriteHash(Primitives.Hash256 hash)
    {
        hash.CopyTo(_buffer.GetSpan(Primitives.Hash256.Size));
        _buffer.Advance(Primitives.Hash256.Size);
    }

    /// <summary>Bitcoin's CompactSize: 1, 3, 5 or 9 bytes depending on the value.</summary>
    public void WriteCompactSize(ulong value)
    {
        if (value < 0xFD)
        {
            WriteByte((byte)value);
        }
        else if (value <= 0xFFFF)
        {
            WriteByte(0xFD);
            WriteUInt16((ushort)value);
        }
        else if (value <= 0xFFFF_FFFF)
        {
            WriteByte(0xFE);
            WriteUInt32((uint)value);
        }
        else
        {
            WriteByte(0xFF);
            WriteUInt64(value);
        }
    }

    /// <summary>A CompactSize length followed by the bytes.</summary>
    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteVarString(string value) => WriteVarBytes(System.Text.Encoding.UTF8.GetBytes(value));

    private Span<byte> Span(int size)
    {
        var span = _buffer.GetSpan(size)[..size];
        _buffer.Advance(size);
        return span;
    }
}
