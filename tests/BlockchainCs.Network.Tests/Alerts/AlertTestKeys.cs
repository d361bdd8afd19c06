using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.Alerts;

/// <summary>Three alert keys (private keys 1, 2, 3), a 2-of-3 chain, and alerts signed by any of them.</summary>
internal static class AlertTestKeys
{
    public static readonly Wallet[] Holders = [Key(1), Key(2), Key(3)];

    public static AlertKeys TwoOfThree { get; } = new([.. Holders.Select(h => h.PublicKey)], 2);

    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static AlertBody Body(int id, string message = "Upgrade before block 500", int priority = 1, int[]? cancel = null, long? created = null, TimeSpan? lifetime = null)
    {
        var start = created ?? Now.ToUnixTimeSeconds();
        return new AlertBody(id, cancel ?? [], start, start + (long)(lifetime ?? TimeSpan.FromDays(1)).TotalSeconds, 0, int.MaxValue, priority, message);
    }

    /// <summary>Signed by the holders at <paramref name="signers"/> (indexes into the chain's keys).</summary>
    public static AlertPayload Signed(AlertBody body, params int[] signers) =>
        AlertPayload.Sign(body, signers.Select(i => (i, Holders[i].PrivateKey)));

    private static Wallet Key(byte last)
    {
        var key = new byte[32];
        key[31] = last;
        return new Wallet(key);
    }
}
