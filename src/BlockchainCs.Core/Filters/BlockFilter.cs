using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Filters;

/// <summary>
/// A block's BIP 158 basic filter on this chain. Bitcoin's items are output scripts; ours have no scripts, so the items
/// are each output's public-key hash and the public-key hash of each output the block spends (all 20 bytes; an address
/// appears once however often it is used). The key is the first 16 bytes of the block hash (as hashed, not as shown).
/// The filter header chains the filters: dSHA256(dSHA256(filter) ‖ previous header), zero before genesis.
/// </summary>
public static class BlockFilter
{
    public static byte[] Build(Block block, IEnumerable<TxOutput> spent) =>
        GolombCodedSet.Build(Key(block.Hash), block.Transactions.SelectMany(t => t.Outputs).Concat(spent).Select(o => o.PubKeyHash));

    public static byte[] Key(Hash256 blockHash) => blockHash.ToArray()[..16];

    /// <summary>Whether the filter of block <paramref name="blockHash"/> (probably) holds any of these public-key hashes.</summary>
    public static bool MatchAny(Hash256 blockHash, byte[] filter, IEnumerable<byte[]> pubKeyHashes) =>
        GolombCodedSet.MatchAny(Key(blockHash), filter, pubKeyHashes);

    /// <summary>dSHA256(filter): what cfheaders carries for each block.</summary>
    public static Hash256 Hash(byte[] filter) => new(SHA256.HashData(SHA256.HashData(filter)));

    public static Hash256 Header(byte[] filter, Hash256 previousHeader) => Header(Hash(filter), previousHeader);

    /// <summary>The header from a filter's hash (what a client gets in cfheaders) and the previous header.</summary>
    public static Hash256 Header(Hash256 filterHash, Hash256 previousHeader)
    {
        Span<byte> both = stackalloc byte[Hash256.Size * 2];
        filterHash.CopyTo(both);
        previousHeader.CopyTo(both[Hash256.Size..]);
        return new Hash256(SHA256.HashData(SHA256.HashData(both)));
    }
}
