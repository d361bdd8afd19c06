using BlockchainCs.Core.Primitives;
using NBitcoin.Secp256k1;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// secp256k1 through NBitcoin.Secp256k1, a pure C# port of libsecp256k1: the fallback when the native library is not
/// installed (macOS without Homebrew, a bare Linux). About a quarter of libsecp256k1's speed, no native dependency, and
/// byte-identical results: both sign with RFC 6979 nonces and produce low-S signatures.
/// </summary>
public sealed class NBitcoinSecp256k1 : ISecp256k1
{
    public string Name => "NBitcoin.Secp256k1";

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Secp256k1Curve.ScalarSize || !ECPrivKey.TryCreate(privateKey, out var key))
            return false;
        key.Dispose();
        return true;
    }

    public byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey)
    {
        using var key = ParsePrivateKey(privateKey);
        var output = new byte[Secp256k1Curve.CompressedPublicKeySize];
        key.CreatePubKey().WriteToSpan(compressed: true, output, out var length);
        return length == output.Length ? output : throw new InvalidOperationException("a compressed public key is 33 bytes");
    }

    public byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest)
    {
        using var key = ParsePrivateKey(privateKey);
        Span<byte> hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(hash);
        var output = new byte[Secp256k1Curve.SignatureSize];
        // RFC 6979 without extra entropy, like libsecp256k1's default nonce function; the result is low-S.
        key.SignECDSARFC6979(hash).WriteCompactToSpan(output);
        return output;
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Secp256k1Curve.CompressedPublicKeySize || (publicKey[0] != 0x02 && publicKey[0] != 0x03)
            || signature.Length != Secp256k1Curve.SignatureSize)
            return false;
        // Parsing the compact form rejects r or s ≥ n; high S is refused here as libsecp256k1's verify refuses it.
        if (!Secp256k1Curve.IsLowS(signature[32..]) || !SecpECDSASignature.TryCreateFromCompact(signature, out var parsed) || parsed is null)
            return false;
        if (!ECPubKey.TryCreate(publicKey, Context.Instance, out _, out var key) || key is null)
            return false;
        Span<byte> hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(hash);
        return key.SigVerify(parsed, hash);
    }

    private static ECPrivKey ParsePrivateKey(ReadOnlySpan<byte> privateKey) =>
        privateKey.Length == Secp256k1Curve.ScalarSize && ECPrivKey.TryCreate(privateKey, out var key) && key is not null
            ? key
            : throw new ArgumentException("a private key is 32 bytes in [1, n-1]", nameof(privateKey));
}
