using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Crypto;

/// <summary>Bitcoin Core's libsecp256k1 through P/Invoke. (Stub: implemented by the crypto work.)</summary>
public sealed class LibSecp256k1 : ISecp256k1
{
    private LibSecp256k1()
    {
    }

    public string Name => "libsecp256k1";

    /// <summary>The backend, or null when the native library is not installed.</summary>
    public static LibSecp256k1? TryLoad() => null;

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) => throw new NotImplementedException();

    public byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey) => throw new NotImplementedException();

    public byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest) => throw new NotImplementedException();

    public bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature) => throw new NotImplementedException();
}
