using System.Numerics;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Tests.Crypto;

/// <summary>The backends available on this machine and helpers for building keys and signatures in tests.</summary>
internal static class Secp256k1TestData
{
    public const string Managed = "nbitcoin";
    public const string Native = "libsecp256k1";

    public const string OrderHex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
    public const string PrimeHex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F";

    public static readonly BigInteger Order = ToBigInteger(Convert.FromHexString(OrderHex));

    /// <summary>Both backends; a row for libsecp256k1 is reported skipped (with the reason) where it is not installed.</summary>
    public static TheoryData<string> Backends => new() { Managed, Native };

    public const string NativeMissing = "libsecp256k1 is not installed here (apt-get install libsecp256k1-1 / brew install secp256k1)";

    public static ISecp256k1 Get(string backend) => backend switch
    {
        Managed => new NBitcoinSecp256k1(),
        Native => RequireNative(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    /// <summary>The native backend, or the test is reported skipped with the reason (never passed).</summary>
    public static LibSecp256k1 RequireNative()
    {
        var native = LibSecp256k1.TryLoad();
        if (native is null)
            Assert.Skip(NativeMissing);
        return native;
    }

    public static BigInteger ToBigInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static byte[] ToScalar(BigInteger value)
    {
        var bytes = new byte[32];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, 32 - raw.Length);
        return bytes;
    }

    /// <summary>A valid private key from a seeded generator (reproducible failures).</summary>
    public static byte[] RandomPrivateKey(Random random)
    {
        while (true)
        {
            var key = new byte[32];
            random.NextBytes(key);
            var value = ToBigInteger(key);
            if (!value.IsZero && value < Order)
                return key;
        }
    }

    /// <summary>The same signature with S replaced by n - S: valid ECDSA, but rejected by the low-S rule.</summary>
    public static byte[] WithHighS(ReadOnlySpan<byte> signature)
    {
        var result = signature.ToArray();
        var s = ToBigInteger(signature[32..]);
        ToScalar(Order - s).CopyTo(result, 32);
        return result;
    }
}
