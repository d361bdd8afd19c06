using System.Buffers;
using SimpleBase;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// Address is a standard Bitcoin P2PKH address: Base58Check(0x00 ‖ HASH160(pubkey)), where the 4-byte checksum is
/// the start of SHA-256(SHA-256(version ‖ hash)). The checksum is computed by <see cref="ManagedSha256"/>, so decoding an
/// address does not load OpenSSL (CLI start-up).
/// </summary>
public static class Address
{
    public const byte Version = 0x00;

    public const int PubKeyHashSize = 20;

    public const int ChecksumSize = 4;

    // version + hash + checksum.
    private const int PayloadSize = 1 + PubKeyHashSize + ChecksumSize;

    // 25 bytes are at most 35 Base58 characters; anything much longer is garbage, and rejecting it early bounds the work.
    private const int MaxAddressLength = 40;

    private static readonly SearchValues<char> s_base58Characters =
        SearchValues.Create("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    public static string FromPubKeyHash(ReadOnlySpan<byte> pubKeyHash)
    {
        if (pubKeyHash.Length != PubKeyHashSize)
            throw new ArgumentException($"a public-key hash is {PubKeyHashSize} bytes, not {pubKeyHash.Length}", nameof(pubKeyHash));

        Span<byte> payload = stackalloc byte[PayloadSize];
        payload[0] = Version;
        pubKeyHash.CopyTo(payload[1..]);
        Span<byte> checksum = stackalloc byte[ManagedSha256.DigestSize];
        ManagedSha256.DoubleHash(payload[..^ChecksumSize], checksum);
        checksum[..ChecksumSize].CopyTo(payload[^ChecksumSize..]);
        return Base58.Bitcoin.Encode(payload);
    }

    public static string FromPublicKey(ReadOnlySpan<byte> publicKey) => FromPubKeyHash(Hashes.Hash160(publicKey));

    /// <summary>Decodes and checks an address; false for anything that is not Base58Check with version 0 and 20 bytes.</summary>
    public static bool TryDecode(string? address, out byte[] pubKeyHash)
    {
        pubKeyHash = [];
        if (string.IsNullOrEmpty(address) || address.Length > MaxAddressLength)
            return false;

        // Screen the characters first: the decoder throws (even IndexOutOfRange) on some non-Base58 input.
        if (address.AsSpan().ContainsAnyExcept(s_base58Characters))
            return false;

        Span<byte> decoded = stackalloc byte[MaxAddressLength];
        int written;
        try
        {
            if (!Base58.Bitcoin.TryDecode(address, decoded, out written))
                return false;
        }
        catch (Exception)
        {
            // A safety net: TryDecode is fed untrusted input from the network and must never throw.
            return false;
        }

        if (written != PayloadSize || decoded[0] != Version)
            return false;

        var payload = decoded[..PayloadSize];
        Span<byte> checksum = stackalloc byte[ManagedSha256.DigestSize];
        ManagedSha256.DoubleHash(payload[..^ChecksumSize], checksum);
        if (!checksum[..ChecksumSize].SequenceEqual(payload[^ChecksumSize..]))
            return false;

        pubKeyHash = payload.Slice(1, PubKeyHashSize).ToArray();
        return true;
    }

    public static bool IsValid(string? address) => TryDecode(address, out _);
}
