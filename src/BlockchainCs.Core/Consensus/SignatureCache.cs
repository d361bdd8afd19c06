using System.Collections.Concurrent;
using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// SignatureCache remembers (digest, public key, signature) triples that verified, so a transaction checked on
/// mempool entry is not checked again when its block arrives (Bitcoin Core's sigcache). Bounded: when full it
/// is cleared, which only costs re-verification.
/// </summary>
public sealed class SignatureCache(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<Hash256, byte> _entries = new();

    public int Count => _entries.Count;

    public bool Contains(Hash256 digest, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature) =>
        _entries.ContainsKey(Key(digest, publicKey, signature));

    public void Add(Hash256 digest, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature)
    {
        if (_entries.Count >= capacity)
            _entries.Clear();
        _entries.TryAdd(Key(digest, publicKey, signature), 0);
    }

    private static Hash256 Key(Hash256 digest, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature)
    {
        Span<byte> data = stackalloc byte[Hash256.Size + 33 + 64];
        digest.CopyTo(data);
        var length = Hash256.Size;
        if (publicKey.Length <= 33 && signature.Length <= 64)
        {
            publicKey.CopyTo(data[length..]);
            length += publicKey.Length;
            signature.CopyTo(data[length..]);
            length += signature.Length;
        }

        Span<byte> key = stackalloc byte[Hash256.Size];
        SHA256.HashData(data[..length], key);
        return new Hash256(key);
    }
}
