using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>One unconfirmed transaction with its fee, when it arrived and its serialized size.</summary>
public sealed record MempoolEntry(Transaction Transaction, long Fee, DateTimeOffset Added, int Size);
