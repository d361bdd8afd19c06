using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>An output that can be spent: where it is and what it holds.</summary>
public sealed record Coin(OutPoint OutPoint, TxOutput Output);
