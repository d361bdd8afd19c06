namespace BlockchainCs.Core.Crypto;

/// <summary>The secp256k1 sizes and the low-S bound (SEC 2, section 2.4.1; BIP 62) both backends check against.</summary>
internal static class Secp256k1Curve
{
    public const int ScalarSize = 32;

    public const int CompressedPublicKeySize = 33;

    public const int SignatureSize = 64;

    /// <summary>floor(n / 2): the largest S a low-S signature may have.</summary>
    public static ReadOnlySpan<byte> HalfOrderBytes =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>True when the 32-byte big-endian <paramref name="s"/> is at most n/2.</summary>
    public static bool IsLowS(ReadOnlySpan<byte> s) => s.SequenceCompareTo(HalfOrderBytes) <= 0;
}
