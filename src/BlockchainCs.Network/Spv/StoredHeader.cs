using System.Numerics;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Spv;

/// <summary>A header a light wallet keeps: the header (no transactions), its height and the work of its chain up to it.</summary>
public sealed record StoredHeader(Block Header, BigInteger ChainWork)
{
    public Hash256 Hash => Header.Hash;

    public int Height => Header.Height;
}
