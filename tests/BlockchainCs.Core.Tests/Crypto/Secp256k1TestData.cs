using System.Numerics;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Tests.Crypto;

/// <summary>The backends available on this machine and helpers for building keys and signatures in tests.</summary>
internal static class Secp256k1TestData
{
    public const string DotNet = "dotnet";
    public const string Native = "libsecp256k1";

    public const string OrderHex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
    public const string PrimeHex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F";

    public static readonly BigInteger Order = ToBigInteger(Convert.FromHexString(OrderHex));

    /// <summary>Always the .NET backend; libsecp256k1 only when it is installed, so these theories pass everywhere.</summary>
    public static TheoryData<string> Backends
    {
        get
        {
            var data = new TheoryData<string> { DotNet };
            if (LibSecp256k1.TryLoad() is not null)
                data.Add(Native);
            return data;
        }
    }

    public static ISecp256k1 Get(string backend) => backend switch
    {
        DotNet => new DotNetSecp256k1(),
        Native => LibSecp256k1.TryLoad() ?? throw new InvalidOperationException("libsecp256k1 is not installed"),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

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
