using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Wallets;

/// <summary>Wallet is one key pair and its address (the tutorial's Wallet).</summary>
public sealed class Wallet
{
    public Wallet(byte[] privateKey, ISecp256k1? backend = null)
    {
        backend ??= Secp256k1.Default;
        if (!backend.IsValidPrivateKey(privateKey))
            throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey));
        PrivateKey = privateKey;
        PublicKey = backend.CreatePublicKey(privateKey);
        PubKeyHash = Hashes.Hash160(PublicKey);
        Address = Crypto.Address.FromPubKeyHash(PubKeyHash);
    }

    public byte[] PrivateKey { get; }

    /// <summary>The 33-byte compressed public key.</summary>
    public byte[] PublicKey { get; }

    public byte[] PubKeyHash { get; }

    public string Address { get; }

    /// <summary>A new wallet with a key from the operating system's random generator.</summary>
    public static Wallet Generate(ISecp256k1? backend = null)
    {
        backend ??= Secp256k1.Default;
        while (true)
        {
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            if (backend.IsValidPrivateKey(key))
                return new Wallet(key, backend);
        }
    }
}
