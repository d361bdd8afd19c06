namespace BlockchainCs.Core.Crypto;

/// <summary>RIPEMD-160 (.NET Core has none). (Stub: implemented by the crypto work.)</summary>
public static class Ripemd160
{
    public const int HashSize = 20;

    public static byte[] HashData(ReadOnlySpan<byte> data) => throw new NotImplementedException();
}
