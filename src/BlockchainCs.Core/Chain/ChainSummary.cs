using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>The best tip and the UTXO set's digest and counts, all read from one snapshot of the database.</summary>
public sealed record ChainSummary(ChainTip Tip, Hash256 UtxoDigest, long Outputs, long Transactions);
