using System.Numerics;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>The best chain's last block: its hash, height and cumulative work.</summary>
public sealed record ChainTip(Hash256 Hash, int Height, BigInteger ChainWork);
