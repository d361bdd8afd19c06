using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>UtxoEntry is one unspent output with where it was created (the UTXO set's row).</summary>
public sealed record UtxoEntry(OutPoint OutPoint, TxOutput Output, int Height, bool IsCoinbase);
