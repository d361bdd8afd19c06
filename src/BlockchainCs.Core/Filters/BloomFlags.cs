namespace BlockchainCs.Core.Filters;

/// <summary>BIP 37's nFlags: what a serving node adds to a filter when an output matches.</summary>
public enum BloomFlags : byte
{
    /// <summary>Never add anything: the client adds outpoints itself (filteradd).</summary>
    None = 0,

    /// <summary>Add the outpoint of every matching output, so the transaction that spends it matches too.</summary>
    All = 1,

    /// <summary>
    /// Add it only for pay-to-public-key and multisig outputs. Every output here pays a public-key hash (none pays a
    /// bare public key), so on this chain it adds nothing, as None.
    /// </summary>
    PubKeyOnly = 2,
}
