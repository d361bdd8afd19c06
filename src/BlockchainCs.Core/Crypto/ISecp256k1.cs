using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// ISecp256k1 is the small surface the node needs from a secp256k1 implementation. Public keys are 33-byte
/// compressed SEC1; signatures are 64-byte compact r‖s with low S. Two backends implement it
/// (libsecp256k1 and NBitcoin.Secp256k1) and must agree bit for bit on keys and accept each other's signatures.
/// </summary>
public interface ISecp256k1
{
    /// <summary>A short name for logs ("libsecp256k1", "NBitcoin.Secp256k1").</summary>
    string Name { get; }

    /// <summary>True when <paramref name="privateKey"/> is 32 bytes and in [1, n-1].</summary>
    bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey);

    /// <summary>The 33-byte compressed public key of <paramref name="privateKey"/>.</summary>
    byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey);

    /// <summary>A 64-byte compact signature (r‖s, big-endian, S normalised to the lower half) of <paramref name="digest"/>.</summary>
    byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest);

    /// <summary>
    /// True only when <paramref name="publicKey"/> is a valid 33-byte compressed key, <paramref name="signature"/> is
    /// 64 bytes with 0 &lt; r, s &lt; n and S in the lower half, and the signature verifies. Never throws on bad input.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature);
}
