namespace BlockchainCs.Core.Primitives;

/// <summary>OutPoint names one output: the id of its transaction and its index there (the tutorial's Txid + Vout).</summary>
public readonly record struct OutPoint(Hash256 TxId, uint Index)
{
    /// <summary>The coinbase's input refers to no output: a zero id and index 0xFFFFFFFF (the tutorial's Vout -1).</summary>
    public static OutPoint Null => new(Hash256.Zero, uint.MaxValue);

    public bool IsNull => TxId.IsZero && Index == uint.MaxValue;

    public override string ToString() => $"{TxId}:{Index}";
}
