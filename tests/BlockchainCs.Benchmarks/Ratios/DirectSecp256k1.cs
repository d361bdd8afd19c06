using System.Runtime.InteropServices;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// DirectSecp256k1 is the reference of the verify line: libsecp256k1's own verification rate, reached by the
/// shortest path .NET has (unmanaged function pointers, no checks, no interface). It deliberately shares nothing
/// with the project's <c>LibSecp256k1</c> class.
/// </summary>
internal sealed unsafe class DirectSecp256k1
{
    private static readonly string[] s_names = ["libsecp256k1.so.2", "libsecp256k1.so.1", "libsecp256k1.so", "libsecp256k1.dylib", "secp256k1.dll"];

    private readonly nint _context;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int> _pubkeyParse;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> _signatureParseCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> _verify;

    private DirectSecp256k1(nint library)
    {
        var create = (delegate* unmanaged[Cdecl]<uint, nint>)NativeLibrary.GetExport(library, "secp256k1_context_create");
        _context = create((1u << 0) | (1u << 8)); // SECP256K1_CONTEXT_VERIFY
        _pubkeyParse = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_parse");
        _signatureParseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_signature_parse_compact");
        _verify = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_verify");
    }

    /// <summary>The library under its usual names, or null when it is not installed.</summary>
    public static DirectSecp256k1? TryLoad()
    {
        foreach (var name in s_names)
            if (NativeLibrary.TryLoad(name, out var library))
                return new DirectSecp256k1(library);
        return null;
    }

    /// <summary>secp256k1_ec_pubkey_parse + secp256k1_ecdsa_signature_parse_compact + secp256k1_ecdsa_verify.</summary>
    public bool Verify(byte[] publicKey, byte[] digest, byte[] signature)
    {
        byte* pubkey = stackalloc byte[64];
        byte* parsed = stackalloc byte[64];
        fixed (byte* key = publicKey)
        fixed (byte* hash = digest)
        fixed (byte* compact = signature)
        {
            return _pubkeyParse(_context, pubkey, key, (nuint)publicKey.Length) == 1
                && _signatureParseCompact(_context, parsed, compact) == 1
                && _verify(_context, parsed, hash, pubkey) == 1;
        }
    }
}
