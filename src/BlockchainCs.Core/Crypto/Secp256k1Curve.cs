using System.Numerics;

namespace BlockchainCs.Core.Crypto;

/// <summary>The secp256k1 domain constants (SEC 2, section 2.4.1) as big-endian bytes and numbers.</summary>
internal static class Secp256k1Curve
{
    public const int ScalarSize = 32;

    public const int CompressedPublicKeySize = 33;

    public const int SignatureSize = 64;

    /// <summary>The field prime p = 2^256 - 2^32 - 977.</summary>
    public static ReadOnlySpan<byte> PrimeBytes =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFC, 0x2F,
    ];

    /// <summary>The group order n.</summary>
    public static ReadOnlySpan<byte> OrderBytes =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>floor(n / 2): the largest S a low-S signature may have.</summary>
    public static ReadOnlySpan<byte> HalfOrderBytes =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    public static readonly BigInteger Prime = ToBigInteger(PrimeBytes);

    public static readonly BigInteger Order = ToBigInteger(OrderBytes);

    // p ≡ 3 (mod 4), so a square root of a is a^((p+1)/4) when one exists.
    public static readonly BigInteger SqrtExponent = (Prime + 1) / 4;

    /// <summary>True when the 32-byte big-endian <paramref name="scalar"/> is in [1, n-1].</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> scalar) =>
        scalar.Length == ScalarSize && scalar.ContainsAnyExcept((byte)0) && scalar.SequenceCompareTo(OrderBytes) < 0;

    /// <summary>True when the 32-byte big-endian <paramref name="s"/> is at most n/2.</summary>
    public static bool IsLowS(ReadOnlySpan<byte> s) => s.SequenceCompareTo(HalfOrderBytes) <= 0;

    public static BigInteger ToBigInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    /// <summary>Writes a value in [0, 2^256) as exactly 32 big-endian bytes (left-padded with zeros).</summary>
    public static void WriteScalar(BigInteger value, Span<byte> destination)
    {
        var length = value.GetByteCount(isUnsigned: true);
        destination[..ScalarSize].Clear();
        value.TryWriteBytes(destination.Slice(ScalarSize - length, length), out _, isUnsigned: true, isBigEndian: true);
    }
}
