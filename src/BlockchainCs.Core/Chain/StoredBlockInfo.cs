using System.Numerics;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>StoredBlockInfo is a stored block's index entry, without its transactions.</summary>
public sealed record StoredBlockInfo(Hash256 Hash, Hash256 PrevHash, int Height, BigInteger ChainWork, BlockStatus Status);
