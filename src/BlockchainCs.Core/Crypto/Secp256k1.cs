namespace BlockchainCs.Core.Crypto;

/// <summary>
/// Secp256k1 picks the backend once: libsecp256k1 (Bitcoin Core's library, the fast path) when the native library
/// loads, else NBitcoin.Secp256k1 (pure C#, nothing to install). Setting BLOCKCHAIN_CS_SECP256K1=nbitcoin forces the
/// fallback, to compare the two or to test what a machine without the library does.
/// </summary>
public static class Secp256k1
{
    /// <summary>The environment variable that forces a backend ("nbitcoin"; anything else means "the best one").</summary>
    public const string BackendVariable = "BLOCKCHAIN_CS_SECP256K1";

    /// <summary>How to get the fast backend, for the message shown when the fallback is in use.</summary>
    public const string InstallHint = "install libsecp256k1 for ~4x faster signature checks (apt-get install libsecp256k1-1, brew install secp256k1)";

    private static readonly Lazy<ISecp256k1> s_default = new(() =>
        Environment.GetEnvironmentVariable(BackendVariable) == "nbitcoin"
            ? new NBitcoinSecp256k1()
            : (ISecp256k1?)LibSecp256k1.TryLoad() ?? new NBitcoinSecp256k1());

    /// <summary>The backend the node uses.</summary>
    public static ISecp256k1 Default => s_default.Value;

    /// <summary>True when the node runs on the slower pure C# fallback.</summary>
    public static bool IsFallback => Default is NBitcoinSecp256k1;

    /// <summary>Whether <paramref name="publicKey"/> is a point of the curve (SEC1 encoded), whichever backend signs.</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) =>
        NBitcoin.Secp256k1.ECPubKey.TryCreate(publicKey, NBitcoin.Secp256k1.Context.Instance, out _, out var key) && key is not null;
}
