namespace BlockchainCs.Core.Crypto;

/// <summary>
/// Address is a standard Bitcoin P2PKH address: Base58Check(0x00 ‖ HASH160(pubkey)).
/// (Stub: implemented by the crypto work.)
/// </summary>
public static class Address
{
    public const byte Version = 0x00;

    public static string FromPubKeyHash(ReadOnlySpan<byte> pubKeyHash) => throw new NotImplementedException();

    public static string FromPublicKey(ReadOnlySpan<byte> publicKey) => FromPubKeyHash(Hashes.Hash160(publicKey));

    /// <summary>Decodes and checks an address; false for anything that is not Base58Check with version 0 and 20 bytes.</summary>
    public static bool TryDecode(string? address, out byte[] pubKeyHash) => throw new NotImplementedException();

    public static bool IsValid(string? address) => TryDecode(address, out _);
}
