using System.Numerics;
using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// secp256k1 through .NET's ECDsa (OpenSSL on Linux, CNG on Windows). The fallback when libsecp256k1 is not
/// installed: slower, but it produces and accepts exactly the same keys and signatures.
/// </summary>
public sealed class DotNetSecp256k1 : ISecp256k1
{
    // secp256k1 by its OID (SEC 2): OpenSSL and CNG know it as a named curve.
    private static readonly ECCurve s_curve = ECCurve.CreateFromValue("1.3.132.0.10");

    public string Name => ".NET ECDsa";

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) => Secp256k1Curve.IsValidScalar(privateKey);

    public byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey)
    {
        using var ecdsa = ImportPrivateKey(privateKey);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var publicKey = new byte[Secp256k1Curve.CompressedPublicKeySize];
        publicKey[0] = (byte)(0x02 | (q.Y![^1] & 1));
        q.X.AsSpan().CopyTo(publicKey.AsSpan(1));
        return publicKey;
    }

    public byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest)
    {
        using var ecdsa = ImportPrivateKey(privateKey);
        Span<byte> hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(hash);
        var signature = new byte[Secp256k1Curve.SignatureSize];
        if (ecdsa.SignHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) != Secp256k1Curve.SignatureSize)
            throw new CryptographicException("ECDsa returned a signature of an unexpected size");

        // ECDSA accepts both (r, s) and (r, n - s); Bitcoin only the lower one, so that signatures are not malleable.
        var s = signature.AsSpan(Secp256k1Curve.ScalarSize);
        if (!Secp256k1Curve.IsLowS(s))
            Secp256k1Curve.WriteScalar(Secp256k1Curve.Order - Secp256k1Curve.ToBigInteger(s), s);
        return signature;
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Secp256k1Curve.SignatureSize)
            return false;
        var r = signature[..Secp256k1Curve.ScalarSize];
        var s = signature[Secp256k1Curve.ScalarSize..];
        if (!Secp256k1Curve.IsValidScalar(r) || !Secp256k1Curve.IsValidScalar(s) || !Secp256k1Curve.IsLowS(s))
            return false;
        if (!TryDecompress(publicKey, out var x, out var y))
            return false;

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = s_curve, Q = new ECPoint { X = x, Y = y } });
            Span<byte> hash = stackalloc byte[Hash256.Size];
            digest.CopyTo(hash);
            return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static ECDsa ImportPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (!Secp256k1Curve.IsValidScalar(privateKey))
            throw new ArgumentException("a private key is 32 bytes in [1, n-1]", nameof(privateKey));

        // With only D given, .NET derives the public point Q itself.
        var parameters = new ECParameters { Curve = s_curve, D = privateKey.ToArray() };
        try
        {
            return ECDsa.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>Recovers Y from a 33-byte compressed key: y² = x³ + 7 (mod p), then the root with the stated parity.</summary>
    private static bool TryDecompress(ReadOnlySpan<byte> publicKey, out byte[] x, out byte[] y)
    {
        x = [];
        y = [];
        if (publicKey.Length != Secp256k1Curve.CompressedPublicKeySize || (publicKey[0] != 0x02 && publicKey[0] != 0x03))
            return false;
        var xBytes = publicKey[1..];
        if (xBytes.SequenceCompareTo(Secp256k1Curve.PrimeBytes) >= 0)
            return false;

        var p = Secp256k1Curve.Prime;
        var xValue = Secp256k1Curve.ToBigInteger(xBytes);
        var ySquared = (BigInteger.ModPow(xValue, 3, p) + 7) % p;
        var yValue = BigInteger.ModPow(ySquared, Secp256k1Curve.SqrtExponent, p);
        if (yValue * yValue % p != ySquared)
            return false; // x³ + 7 is not a square: no point has this x.

        var wantOdd = publicKey[0] == 0x03;
        if (yValue.IsEven == wantOdd)
        {
            if (yValue.IsZero)
                return false;
            yValue = p - yValue;
        }

        x = xBytes.ToArray();
        y = new byte[Secp256k1Curve.ScalarSize];
        Secp256k1Curve.WriteScalar(yValue, y);
        return true;
    }
}
