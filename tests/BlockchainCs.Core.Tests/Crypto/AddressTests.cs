using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Tests.Crypto;

public sealed class AddressTests
{
    // The compressed public key of private key 1 (the generator point G) and its well-known address.
    private const string GeneratorCompressedKey = "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";
    private const string GeneratorCompressedAddress = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH";
    private const string GeneratorCompressedHash160 = "751e76e8199196d454941c45d1b3a323f1433bd6";

    [Fact]
    public void FromPublicKey_CompressedGenerator_IsKnownAddress()
    {
        var address = Address.FromPublicKey(Convert.FromHexString(GeneratorCompressedKey));

        Assert.Equal(GeneratorCompressedAddress, address);
    }

    [Fact]
    public void FromPublicKey_UncompressedGenerator_IsKnownAddress()
    {
        var uncompressed = Convert.FromHexString(
            "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"
            + "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");

        Assert.Equal("1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm", Address.FromPublicKey(uncompressed));
    }

    [Fact]
    public void Hash160_CompressedGenerator_IsKnownHash()
    {
        var hash = Hashes.Hash160(Convert.FromHexString(GeneratorCompressedKey));

        Assert.Equal(GeneratorCompressedHash160, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void FromPubKeyHash_AllZeros_IsKnownAddress()
    {
        Assert.Equal("1111111111111111111114oLvT2", Address.FromPubKeyHash(new byte[20]));
    }

    [Fact]
    public void FromPubKeyHash_AllOnes_IsKnownAddress()
    {
        var hash = new byte[20];
        Array.Fill(hash, (byte)0xFF);

        Assert.Equal("1QLbz7JHiBTspS962RLKV8GndWFwi5j6Qr", Address.FromPubKeyHash(hash));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(33)]
    public void FromPubKeyHash_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => Address.FromPubKeyHash(new byte[length]));
    }

    [Fact]
    public void TryDecode_KnownAddress_ReturnsHash()
    {
        Assert.True(Address.TryDecode(GeneratorCompressedAddress, out var hash));

        Assert.Equal(GeneratorCompressedHash160, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void TryDecode_AllZeroHashAddress_ReturnsZeroHash()
    {
        Assert.True(Address.TryDecode("1111111111111111111114oLvT2", out var hash));

        Assert.Equal(new byte[20], hash);
    }

    [Fact]
    public void TryDecode_RandomHashes_RoundTrip()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var hash = new byte[20];
            random.NextBytes(hash);
            if (i % 10 == 0)
                hash.AsSpan(0, i % 20).Clear(); // leading zero bytes become leading '1's

            var address = Address.FromPubKeyHash(hash);

            Assert.True(Address.TryDecode(address, out var decoded), address);
            Assert.Equal(hash, decoded);
            Assert.True(Address.IsValid(address));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1")]
    [InlineData("1111")]
    [InlineData("garbage")]
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMJ")] // last character changed: bad checksum
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAM")] // truncated
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMHH")] // extended
    [InlineData(" 1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH")] // whitespace
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH ")]
    [InlineData("0BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH")] // '0' is not Base58
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAOH")] // 'O' is not Base58
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAIH")] // 'I' is not Base58
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAlH")] // 'l' is not Base58
    [InlineData("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAé")] // non-ASCII
    [InlineData("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r")] // same hash, testnet version 0x6f
    [InlineData("3CNHUhP3uyB9EUtRLsmvFUmvGdjGdkTxJw")] // same hash, P2SH version 0x05
    [InlineData("13RJa7YdZQz3JHotw6gx1sco2AAPDrMZM")] // valid checksum, 19-byte hash
    [InlineData("1p8KevEo5z2dqhHVZQ6v6D6s8PRnAtbespV")] // valid checksum, 21-byte hash
    [InlineData("12ddvLKZUnFosBYkLrzayChzQUNzq")] // version and hash without a checksum
    [InlineData("11111111111111111111111111111111111111111111111111111111111111111111111111111111")]
    public void TryDecode_InvalidAddress_ReturnsFalse(string? address)
    {
        Assert.False(Address.TryDecode(address, out var hash));
        Assert.Empty(hash);
        Assert.False(Address.IsValid(address));
    }

    [Fact]
    public void TryDecode_VeryLongInput_ReturnsFalse()
    {
        Assert.False(Address.TryDecode(new string('z', 100_000), out _));
    }
}
