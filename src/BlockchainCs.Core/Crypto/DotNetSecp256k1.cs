using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Crypto;

/// <summary>secp256k1 through .NET's ECDsa (OpenSSL on Linux, CNG on Windows). (Stub: implemented by the crypto work.)</summary>
public sealed class DotNetSecp256k1 : ISecp256k1
{
    public string Name => ".NET ECDsa";

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) => throw new NotImplementedException();

    public byte[] CreatePublicKey(ReadOnlySpan<byte> privateKey) => throw new NotImplementedException();

    public byte[] Sign(ReadOnlySpan<byte> privateKey, Hash256 digest) => throw new NotImplementedException();

    public bool Verify(ReadOnlySpan<byte> publicKey, Hash256 digest, ReadOnlySpan<byte> signature) => throw new NotImplementedException();
}
