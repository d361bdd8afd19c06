using System.Security.Cryptography;

namespace BlockchainCs.Core.Crypto;

/// <summary>The hash compositions Bitcoin uses.</summary>
public static class Hashes
{
    /// <summary>RIPEMD-160(SHA-256(data)): the public-key hash inside an address (the tutorial's HashPubKey).</summary>
    public static byte[] Hash160(ReadOnlySpan<byte> data) => Ripemd160.HashData(SHA256.HashData(data));

    /// <summary>SHA-256(SHA-256(data)): the checksum of Base58Check and of the wire envelope.</summary>
    public static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));
}
