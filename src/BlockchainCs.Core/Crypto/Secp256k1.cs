namespace BlockchainCs.Core.Crypto;

/// <summary>Secp256k1 picks the backend once: libsecp256k1 when the native library loads, else .NET's ECDsa.</summary>
public static class Secp256k1
{
    private static readonly Lazy<ISecp256k1> s_default = new(() =>
        (ISecp256k1?)LibSecp256k1.TryLoad() ?? new DotNetSecp256k1());

    /// <summary>The backend the node uses.</summary>
    public static ISecp256k1 Default => s_default.Value;
}
