namespace BlockchainCs.Network.Alerts;

/// <summary>One signature of an alert: which of the chain's alert keys signed (its index) and the 64-byte compact signature.</summary>
public sealed record AlertSignature(byte KeyIndex, byte[] Signature)
{
    public const int SignatureSize = 64;

    public bool Equals(AlertSignature? other) =>
        other is not null && KeyIndex == other.KeyIndex && Signature.AsSpan().SequenceEqual(other.Signature);

    public override int GetHashCode() => HashCode.Combine(KeyIndex, Signature.Length);
}
