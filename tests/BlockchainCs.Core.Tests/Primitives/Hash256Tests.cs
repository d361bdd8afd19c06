using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Primitives;

public sealed class Hash256Tests
{
    private static Hash256 WithByte(int index, byte value)
    {
        var bytes = new byte[32];
        bytes[index] = value;
        return new Hash256(bytes);
    }

    [Fact]
    public void Compute_Abc_KnownSha256()
    {
        var hash = Hash256.Compute("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash.ToString());
    }

    [Fact]
    public void Parse_ToString_RoundTrip()
    {
        var hash = Hash256.Compute([1, 2, 3]);

        Assert.Equal(hash, Hash256.Parse(hash.ToString()));
        Assert.Equal(hash, Hash256.Parse(hash.ToString().ToUpperInvariant()));
        Assert.Equal(SHA256.HashData(new byte[] { 1, 2, 3 }), hash.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void TryParse_NotA64DigitHexString_False(string? text)
    {
        Assert.False(Hash256.TryParse(text, out var hash));
        Assert.True(hash.IsZero);
    }

    [Fact]
    public void Parse_Invalid_FormatException() => Assert.Throws<FormatException>(() => Hash256.Parse("xyz"));

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructor_WrongLength_ArgumentException(int length) =>
        Assert.Throws<ArgumentException>(() => new Hash256(new byte[length]));

    [Fact]
    public void CompareTo_BigEndianNumber_FirstByteMostSignificant()
    {
        Assert.True(WithByte(31, 0xFF) < WithByte(0, 0x01));
        Assert.True(WithByte(8, 1) > WithByte(9, 0xFF));
        Assert.True(WithByte(24, 1) > WithByte(31, 0xFF));
        Assert.True(Hash256.Zero < WithByte(31, 1));
        Assert.True(WithByte(5, 3) <= WithByte(5, 3));
        Assert.Equal(0, WithByte(5, 3).CompareTo(WithByte(5, 3)));
    }

    [Fact]
    public void Equals_SameBytes_EqualAndSameHashCode()
    {
        var a = Hash256.Compute([7]);
        var b = new Hash256(a.ToArray());

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Hash256.Compute([8]));
        Assert.True(Hash256.Zero.IsZero);
        Assert.False(a.IsZero);
    }
}
