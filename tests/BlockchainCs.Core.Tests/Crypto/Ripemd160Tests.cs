using System.Text;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Tests.Crypto;

public sealed class Ripemd160Tests
{
    // The test vectors published with the RIPEMD-160 specification (Bosselaers' page, ISO/IEC 10118-3).
    [Theory]
    [InlineData("", "9c1185a5c5e9fc54612808977ee8f548b2258d31")]
    [InlineData("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe")]
    [InlineData("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    [InlineData("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "b0e20b6e3116640286ed3a87a5713079b21f5189")]
    public void HashData_PublishedVector_MatchesDigest(string message, string expectedHex)
    {
        var digest = Ripemd160.HashData(Encoding.ASCII.GetBytes(message));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void HashData_EightTimesDigits_MatchesDigest()
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1234567890", 8)));

        Assert.Equal("9b752e45573d4b39f4dbd3323cab82bf63326bfb", Convert.ToHexStringLower(Ripemd160.HashData(message)));
    }

    [Fact]
    public void HashData_OneMillionA_MatchesDigest()
    {
        var message = new byte[1_000_000];
        Array.Fill(message, (byte)'a');

        Assert.Equal("52783243c1697bdbe16d37f97f68f08325dc1528", Convert.ToHexStringLower(Ripemd160.HashData(message)));
    }

    [Theory]
    [InlineData(55, "3c86963b3ff646a65ae42996e9664c747cc7e5e6")]
    [InlineData(56, "ebdd79cfd4fd9949ef8089673d2620427f487cfb")]
    [InlineData(63, "6d31d3d634b4a7aa15914c239576eb1956f2d9a4")]
    [InlineData(64, "2581f5e9f957b44b0fa24d31996de47409dd1e0f")]
    [InlineData(119, "ad430b4283203a7b7f338b9d252dfdbf807402bf")]
    [InlineData(120, "b89cdc109009f1982c8b34fca446953584d3f6c4")]
    public void HashData_LengthsAroundPaddingBoundary_MatchesOpenSsl(int length, string expectedHex)
    {
        // Bytes 0, 1, 2, ... at lengths where the length field does or does not fit in the last block
        // (expected digests from OpenSSL's RIPEMD-160).
        var message = new byte[length];
        for (var i = 0; i < length; i++)
            message[i] = (byte)i;
        Span<byte> destination = stackalloc byte[Ripemd160.HashSize];

        Ripemd160.HashData(message, destination);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(destination));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Ripemd160.HashData(message)));
    }

    [Fact]
    public void HashData_ShortDestination_Throws()
    {
        var destination = new byte[Ripemd160.HashSize - 1];

        Assert.Throws<ArgumentException>(() => Ripemd160.HashData([1, 2, 3], destination));
    }
}
