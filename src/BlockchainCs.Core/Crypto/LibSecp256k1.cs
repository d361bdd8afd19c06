using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// Bitcoin Core's libsecp256k1 through unmanaged function pointers. The library is found with
/// <see cref="NativeLibrary"/> under the names it has on Linux, macOS and Windows, so no DllImport name has to fit
/// every platform. One context serves every call: after creation it is only read, which libsecp256k1 allows from
/// any number of threads at once.
/// </summary>
public sealed unsafe class LibSecp256k1 : ISecp256k1
{
    // From secp256k1.h: SECP256K1_FLAGS_TYPE_CONTEXT | SECP256K1_FLAGS_BIT_CONTEXT_VERIFY | ..._SIGN.
    private const uint ContextSignAndVerify = (1u << 0) | (1u << 8) | (1u << 9);

    // SECP256K1_FLAGS_TYPE_COMPRESSION | SECP256K1_FLAGS_BIT_COMPRESSION.
    private const uint EcCompressed = (1u << 1) | (1u << 8);

    // The opaque secp256k1_pubkey and secp256k1_ecdsa_signature structs are 64 bytes each.
    private const int OpaqueSize = 64;

    private static readonly string[] s_candidateNames =
    [
        "libsecp256k1.so.2",
        "libsecp256k1.so.1",
        "libsecp256k1.so",
        "libsecp256k1.dylib",
        "/opt/homebrew/lib/libsecp256k1.dylib",
        "/usr/local/lib/libsecp256k1.dylib",
        "secp256k1.dll",
        "libsecp256k1",
    ];

    private static readonly Lazy<LibSecp256k1?> s_instance = new(() => LoadFirst(s_candidateNames));

    // A context pointer that is never freed: the backend lives as long as the process.
    private readonly nint _context;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, int> _seckeyVerify;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> _pubkeyCreate;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int> _pubkeySerialize;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int> _pubkeyParse;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nint, nint, int> _sign;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> _signatureSerializeCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> _signatureParseCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> _verify;

    private LibSecp256k1(nint library, nint context)
    {
        _context = context;
        _seckeyVerify = (delegate* unmanaged[Cdecl]<nint, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_seckey_verify");
        _pubkeyCreate = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_create");
        _pubkeySerialize = (delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_serialize");
        _pubkeyParse = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_parse");
        _sign = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nint, nint, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_sign");
        _signatureSerializeCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_signature_serialize_compact");
        _signatureParseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_signature_parse_compact");
        _verify = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_verify");
    }

    public string Name => "libsecp256k1";

    /// <summary>The backend (one shared instance), or null when the native library or one of its functions is missing.</summary>
    public static LibSecp256k1? TryLoad() => s_instance.Value;

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Secp256k1Curve.ScalarSize)
            return false;
        fixed (byte* key = privateKey)
            return _seckeyVerify(_context, key) == 1;
    }

    public byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey)
    {
        RequirePrivateKey(privateKey);
        byte* pubkey = stackalloc byte[OpaqueSize];
        var output = new byte[Secp256k1Curve.CompressedPublicKeySize];
        nuint outputLength = (nuint)output.Length;
        fixed (byte* key = privateKey)
        fixed (byte* outputPointer = output)
        {
            if (_pubkeyCreate(_context, pubkey, key) != 1)
                throw new ArgumentException("a private key is 32 bytes in [1, n-1]", nameof(privateKey));
            if (_pubkeySerialize(_context, outputPointer, &outputLength, pubkey, EcCompressed) != 1
                || outputLength != (nuint)output.Length)
                throw new CryptographicException("libsecp256k1 could not serialize a public key");
        }
        return output;
    }

    public byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest)
    {
        RequirePrivateKey(privateKey);
        byte* hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(new Span<byte>(hash, Hash256.Size));
        byte* signature = stackalloc byte[OpaqueSize];
        var output = new byte[Secp256k1Curve.SignatureSize];
        fixed (byte* key = privateKey)
        fixed (byte* outputPointer = output)
        {
            // A null nonce function selects RFC 6979; the result is already low-S.
            if (_sign(_context, signature, hash, key, 0, 0) != 1)
                throw new ArgumentException("a private key is 32 bytes in [1, n-1]", nameof(privateKey));
            if (_signatureSerializeCompact(_context, outputPointer, signature) != 1)
                throw new CryptographicException("libsecp256k1 could not serialize a signature");
        }
        return output;
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature)
    {
        // Check lengths first: libsecp256k1 aborts the process on some invalid arguments instead of returning 0.
        if (publicKey.Length != Secp256k1Curve.CompressedPublicKeySize || (publicKey[0] != 0x02 && publicKey[0] != 0x03)
            || signature.Length != Secp256k1Curve.SignatureSize)
            return false;

        byte* hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(new Span<byte>(hash, Hash256.Size));
        byte* pubkey = stackalloc byte[OpaqueSize];
        byte* parsedSignature = stackalloc byte[OpaqueSize];
        fixed (byte* key = publicKey)
        fixed (byte* compact = signature)
        {
            // parse_compact rejects r or s ≥ n; verify rejects r or s = 0 and high S.
            return _pubkeyParse(_context, pubkey, key, (nuint)publicKey.Length) == 1
                && _signatureParseCompact(_context, parsedSignature, compact) == 1
                && _verify(_context, parsedSignature, hash, pubkey) == 1;
        }
    }

    private static void RequirePrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Secp256k1Curve.ScalarSize)
            throw new ArgumentException($"a private key is {Secp256k1Curve.ScalarSize} bytes, not {privateKey.Length}", nameof(privateKey));
    }

    /// <summary>
    /// Loads the first of <paramref name="candidateNames"/> that exists and exports every function; null if none does.
    /// Each call creates a new context, so the node goes through <see cref="TryLoad"/>; tests use this directly.
    /// </summary>
    internal static LibSecp256k1? LoadFirst(IEnumerable<string> candidateNames)
    {
        foreach (var name in candidateNames)
        {
            try
            {
                if (!NativeLibrary.TryLoad(name, out var library))
                    continue;
                var backend = TryCreate(library);
                if (backend is not null)
                    return backend;
                NativeLibrary.Free(library);
            }
            catch (Exception)
            {
                // A library of the wrong architecture or a broken file: try the next name.
            }
        }
        return null;
    }

    private static LibSecp256k1? TryCreate(nint library)
    {
        string[] required =
        [
            "secp256k1_context_create",
            "secp256k1_ec_seckey_verify",
            "secp256k1_ec_pubkey_create",
            "secp256k1_ec_pubkey_serialize",
            "secp256k1_ec_pubkey_parse",
            "secp256k1_ecdsa_sign",
            "secp256k1_ecdsa_signature_serialize_compact",
            "secp256k1_ecdsa_signature_parse_compact",
            "secp256k1_ecdsa_verify",
        ];
        foreach (var export in required)
        {
            if (!NativeLibrary.TryGetExport(library, export, out _))
                return null;
        }

        try
        {
            var create = (delegate* unmanaged[Cdecl]<uint, nint>)NativeLibrary.GetExport(library, "secp256k1_context_create");
            var context = create(ContextSignAndVerify);
            if (context == 0)
                return null;

            // Blinding the signing context with a random seed hardens it against side channels (optional export).
            if (NativeLibrary.TryGetExport(library, "secp256k1_context_randomize", out var randomizeExport))
            {
                var randomize = (delegate* unmanaged[Cdecl]<nint, byte*, int>)randomizeExport;
                byte* seed = stackalloc byte[32];
                var seedSpan = new Span<byte>(seed, 32);
                RandomNumberGenerator.Fill(seedSpan);
                _ = randomize(context, seed);
                CryptographicOperations.ZeroMemory(seedSpan);
            }

            return new LibSecp256k1(library, context);
        }
        catch (Exception)
        {
            // Never let a broken installation take the node down: the .NET backend takes over.
            return null;
        }
    }
}
