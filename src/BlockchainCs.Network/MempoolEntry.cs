using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>One unconfirmed transaction with its fee and when it arrived.</summary>
public sealed record MempoolEntry(Transaction Transaction, long Fee, DateTimeOffset Added);
