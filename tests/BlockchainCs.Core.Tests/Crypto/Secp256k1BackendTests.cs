using System.Text;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Crypto;

/// <summary>The same checks for every backend present on the machine.</summary>
public sealed class Secp256k1BackendTests
{
    private static readonly Hash256 s_digest = Hash256.Compute(Encoding.UTF8.GetBytes("BlockchainCs test message"));

    public static TheoryData<string> Backends => Secp256k1TestData.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public void CreatePublicKey_SmallPrivateKeys_AreGeneratorMultiples(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        string[] expected =
        [
            "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", // 1G
            "02C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5", // 2G
            "02F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9", // 3G
            "02E493DBF1C10D80F3581E4904930B1404CC6C13900EE0758474FA94ABE8C4CD13", // 4G
            "022F8BDE4D1A07209355B4A7250A5C5128E88B84BDDC619AB7CBA8D569B240EFE4", // 5G
            "03FFF97BD5755EEEA420453A14355235D382F6472F8568A18B2F057A1460297556", // 6G (odd y)
        ];

        for (var k = 1; k <= expected.Length; k++)
        {
            var publicKey = secp.CreatePublicKey(Secp256k1TestData.ToScalar(k));

            Assert.Equal(expected[k - 1], Convert.ToHexString(publicKey));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void CreatePublicKey_OrderMinusOne_IsNegatedGenerator(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);

        var publicKey = secp.CreatePublicKey(Secp256k1TestData.ToScalar(Secp256k1TestData.Order - 1));

        Assert.Equal("0379BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", Convert.ToHexString(publicKey));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void IsValidPrivateKey_RangeBoundaries_OnlyOneToOrderMinusOne(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var order = Secp256k1TestData.Order;

        Assert.False(secp.IsValidPrivateKey(new byte[32]));
        Assert.True(secp.IsValidPrivateKey(Secp256k1TestData.ToScalar(1)));
        Assert.True(secp.IsValidPrivateKey(Secp256k1TestData.ToScalar(order - 1)));
        Assert.False(secp.IsValidPrivateKey(Secp256k1TestData.ToScalar(order)));
        Assert.False(secp.IsValidPrivateKey(Secp256k1TestData.ToScalar(order + 1)));
        Assert.False(secp.IsValidPrivateKey(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.False(secp.IsValidPrivateKey([]));
        Assert.False(secp.IsValidPrivateKey(new byte[31]));
        Assert.False(secp.IsValidPrivateKey(Secp256k1TestData.ToScalar(1).Concat(new byte[1]).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void CreatePublicKey_InvalidPrivateKey_Throws(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);

        Assert.Throws<ArgumentException>(() => secp.CreatePublicKey(new byte[32]));
        Assert.Throws<ArgumentException>(() => secp.CreatePublicKey(Secp256k1TestData.ToScalar(Secp256k1TestData.Order)));
        Assert.Throws<ArgumentException>(() => secp.CreatePublicKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => secp.CreatePublicKey([]));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sign_InvalidPrivateKey_Throws(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);

        Assert.Throws<ArgumentException>(() => secp.Sign(new byte[32], s_digest));
        Assert.Throws<ArgumentException>(() => secp.Sign(Secp256k1TestData.ToScalar(Secp256k1TestData.Order), s_digest));
        Assert.Throws<ArgumentException>(() => secp.Sign(new byte[33], s_digest));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sign_RandomKeys_Is64BytesLowSAndVerifies(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var publicKey = secp.CreatePublicKey(privateKey);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));

            var signature = secp.Sign(privateKey, digest);

            Assert.Equal(33, publicKey.Length);
            Assert.Equal(64, signature.Length);
            Assert.True(Secp256k1TestData.ToBigInteger(signature.AsSpan(32)) <= Secp256k1TestData.Order / 2);
            Assert.True(secp.Verify(publicKey, digest, signature));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_TamperedDigest_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);
        var digest = s_digest.ToArray();
        digest[0] ^= 1;

        Assert.False(secp.Verify(publicKey, new Hash256(digest), signature));
        Assert.False(secp.Verify(publicKey, Hash256.Zero, signature));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_TamperedSignature_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);

        foreach (var index in new[] { 0, 17, 31, 32, 50, 63 })
        {
            var tampered = (byte[])signature.Clone();
            tampered[index] ^= 0x01;

            Assert.False(secp.Verify(publicKey, s_digest, tampered));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_OtherPublicKey_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);
        var otherKey = secp.CreatePublicKey(Secp256k1TestData.ToScalar(12345));
        var flippedParity = (byte[])publicKey.Clone();
        flippedParity[0] ^= 0x01; // 02 <-> 03: the negated point

        Assert.False(secp.Verify(otherKey, s_digest, signature));
        Assert.False(secp.Verify(flippedParity, s_digest, signature));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_HighS_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);

        Assert.False(secp.Verify(publicKey, s_digest, Secp256k1TestData.WithHighS(signature)));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_MalformedPublicKey_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);
        var uncompressedGenerator = Convert.FromHexString(
            "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"
            + "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");
        byte[][] keys =
        [
            [],
            publicKey[..32],
            [.. publicKey, 0x00],
            uncompressedGenerator,
            new byte[33],
            WithPrefix(0x04, publicKey),
            WithPrefix(0x00, publicKey),
            WithPrefix(0x06, publicKey),
            Convert.FromHexString("02" + new string('0', 64)), // x = 0: 7 is not a square mod p
            Convert.FromHexString("03" + new string('0', 63) + "5"), // x = 5: not on the curve
            Convert.FromHexString("02" + Secp256k1TestData.PrimeHex), // x = p
            Convert.FromHexString("03" + new string('F', 64)), // x > p
        ];

        foreach (var key in keys)
            Assert.False(secp.Verify(key, s_digest, signature), Convert.ToHexString(key));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_MalformedSignature_ReturnsFalse(string backend)
    {
        var secp = Secp256k1TestData.Get(backend);
        var (publicKey, signature) = SignTestMessage(secp);
        var order = Convert.FromHexString(Secp256k1TestData.OrderHex);
        var r = signature[..32];
        var s = signature[32..];
        byte[][] signatures =
        [
            [],
            signature[..63],
            [.. signature, 0x00],
            new byte[64],
            [.. new byte[32], .. s], // r = 0
            [.. r, .. new byte[32]], // s = 0
            [.. order, .. s], // r = n
            [.. r, .. order], // s = n
            [.. r, .. Enumerable.Repeat((byte)0xFF, 32)], // s > n
            [.. Enumerable.Repeat((byte)0xFF, 32), .. s], // r > n
            Enumerable.Repeat((byte)0xFF, 64).ToArray(),
            [0x30, 0x44, 0x02, 0x20, .. r, 0x02, 0x20, .. s], // DER, not compact
        ];

        foreach (var candidate in signatures)
            Assert.False(secp.Verify(publicKey, s_digest, candidate), Convert.ToHexString(candidate));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_ManyThreadsAtOnce_AllSucceed(string backend)
    {
        // Blocks are verified in parallel on every core: one shared backend must give the same answers on all threads.
        var secp = Secp256k1TestData.Get(backend);
        var random = new Random(11);
        var cases = Enumerable.Range(0, 16).Select(i =>
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            return (PublicKey: secp.CreatePublicKey(privateKey), Digest: digest, Signature: secp.Sign(privateKey, digest));
        }).ToArray();
        var failures = 0;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var c = cases[i % cases.Length];
            var other = cases[(i + 1) % cases.Length];
            if (!secp.Verify(c.PublicKey, c.Digest, c.Signature) || secp.Verify(other.PublicKey, c.Digest, c.Signature))
                Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
    }

    private static (byte[] PublicKey, byte[] Signature) SignTestMessage(ISecp256k1 secp)
    {
        var privateKey = Convert.FromHexString("C28A9F80738F770D527803A566CF6FC3EDF6CEA586C4FC4A5223A5AD797E1AC3");
        var publicKey = secp.CreatePublicKey(privateKey);
        var signature = secp.Sign(privateKey, s_digest);
        Assert.True(secp.Verify(publicKey, s_digest, signature));
        return (publicKey, signature);
    }

    private static byte[] WithPrefix(byte prefix, byte[] publicKey)
    {
        var copy = (byte[])publicKey.Clone();
        copy[0] = prefix;
        return copy;
    }
}
