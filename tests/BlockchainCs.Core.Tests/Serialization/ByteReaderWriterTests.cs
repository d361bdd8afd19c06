using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Tests.Serialization;

/// <summary>Every primitive written by ByteWriter reads back through ByteReader; hostile input is refused.</summary>
public sealed class ByteReaderWriterTests
{
    private static ulong ReadCompactSize(byte[] bytes, ulong max = ulong.MaxValue)
    {
        var reader = new ByteReader(bytes);
        var value = reader.ReadCompactSize(max);
        reader.EnsureEnd();
        return value;
    }

    private static byte[] CompactSize(ulong value)
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(value);
        return writer.ToArray();
    }

    [Fact]
    public void Read_EveryPrimitiveWritten_SameValuesInOrder()
    {
        var hash = Hash256.Compute([1, 2, 3]);
        var writer = new ByteWriter(1);
        writer.WriteByte(0xAB);
        writer.WriteUInt16(0xBEEF);
        writer.WriteUInt32(0xDEADBEEF);
        writer.WriteInt32(-123456789);
        writer.WriteUInt64(ulong.MaxValue - 1);
        writer.WriteInt64(long.MinValue + 1);
        writer.WriteHash(hash);
        writer.WriteBytes([9, 8, 7]);
        writer.WriteVarBytes([1, 2, 3, 4, 5]);
        writer.WriteVarString("héllo");
        writer.WriteVarBytes([]);

        var reader = new ByteReader(writer.ToArray());

        Assert.Equal(0xAB, reader.ReadByte());
        Assert.Equal(0xBEEF, reader.ReadUInt16());
        Assert.Equal(0xDEADBEEF, reader.ReadUInt32());
        Assert.Equal(-123456789, reader.ReadInt32());
        Assert.Equal(ulong.MaxValue - 1, reader.ReadUInt64());
        Assert.Equal(long.MinValue + 1, reader.ReadInt64());
        Assert.Equal(hash, reader.ReadHash());
        Assert.Equal([9, 8, 7], reader.ReadBytes(3));
        Assert.Equal([1, 2, 3, 4, 5], reader.ReadVarBytes(5));
        Assert.Equal("héllo", reader.ReadVarString(100));
        Assert.Empty(reader.ReadVarBytes(0));
        Assert.True(reader.IsAtEnd);
        Assert.Equal(writer.Length, reader.Position);
    }

    [Fact]
    public void WriteInt32_LittleEndian()
    {
        var writer = new ByteWriter();
        writer.WriteUInt32(0x01020304);
        writer.WriteInt64(-2);

        Assert.Equal([4, 3, 2, 1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], writer.ToArray());
    }

    [Fact]
    public void WriteHash_BytesInOrder()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var writer = new ByteWriter();

        writer.WriteHash(new Hash256(bytes));

        Assert.Equal(bytes, writer.ToArray());
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(0xFCUL, "fc")]
    [InlineData(0xFDUL, "fdfd00")]
    [InlineData(0xFFFFUL, "fdffff")]
    [InlineData(0x10000UL, "fe00000100")]
    [InlineData(0xFFFF_FFFFUL, "feffffffff")]
    [InlineData(0x1_0000_0000UL, "ff0000000001000000")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff")]
    public void WriteCompactSize_Boundaries_BitcoinEncodingAndRoundTrip(ulong value, string hex)
    {
        var bytes = CompactSize(value);

        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
        Assert.Equal(value, ReadCompactSize(bytes));
    }

    [Theory]
    [InlineData("fdfc00")] // 0xFC fits in one byte
    [InlineData("fd0000")]
    [InlineData("feffff0000")] // 0xFFFF fits in three bytes
    [InlineData("ffffffffff00000000")] // 0xFFFFFFFF fits in five bytes
    [InlineData("ff0000000000000000")]
    public void ReadCompactSize_NonCanonical_DecodeException(string hex) =>
        Assert.Throws<DecodeException>(() => ReadCompactSize(Convert.FromHexString(hex)));

    [Fact]
    public void ReadCompactSize_AboveTheLimit_DecodeException()
    {
        Assert.Equal(1000UL, ReadCompactSize(CompactSize(1000), max: 1000));
        Assert.Throws<DecodeException>(() => ReadCompactSize(CompactSize(1001), max: 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fd00")]
    [InlineData("fe000001")]
    [InlineData("ff00000000010000")]
    public void ReadCompactSize_Truncated_DecodeException(string hex) =>
        Assert.Throws<DecodeException>(() => ReadCompactSize(Convert.FromHexString(hex)));

    [Fact]
    public void ReadCount_MoreItemsThanTheBytesLeftCouldHold_DecodeException()
    {
        // Claims 10 items of at least 4 bytes each, but only 39 bytes follow: refused before anything is allocated.
        var bytes = new byte[40];
        bytes[0] = 10;

        Assert.Throws<DecodeException>(() => new ByteReader(bytes).ReadCount(100, 4));
        Assert.Equal(10, new ByteReader([10, .. new byte[40]]).ReadCount(100, 4));
    }

    [Fact]
    public void ReadCount_AboveTheLimit_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader(CompactSize(101).Concat(new byte[200]).ToArray()).ReadCount(100));

    [Fact]
    public void ReadCount_HugeCompactSize_DecodeExceptionNotOverflow() =>
        Assert.Throws<DecodeException>(() => new ByteReader(CompactSize(uint.MaxValue + 5UL)).ReadCount(int.MaxValue));

    [Fact]
    public void ReadVarBytes_LongerThanTheLimit_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader([3, 1, 2, 3]).ReadVarBytes(2));

    [Fact]
    public void ReadVarBytes_LengthPastTheEnd_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader([5, 1, 2]).ReadVarBytes(100));

    [Fact]
    public void ReadInt64_Truncated_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader(new byte[7]).ReadInt64());

    [Fact]
    public void ReadHash_Truncated_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader(new byte[31]).ReadHash());

    [Fact]
    public void ReadBytes_NegativeCount_DecodeException() =>
        Assert.Throws<DecodeException>(() => new ByteReader(new byte[4]).ReadBytes(-1));

    [Fact]
    public void EnsureEnd_TrailingBytes_DecodeException()
    {
        var reader = new ByteReader([1, 2]);
        reader.ReadByte();

        Assert.Equal(1, reader.Remaining);
        try
        {
            reader.EnsureEnd();
            Assert.Fail("EnsureEnd accepted a trailing byte");
        }
        catch (DecodeException)
        {
        }
    }
}
