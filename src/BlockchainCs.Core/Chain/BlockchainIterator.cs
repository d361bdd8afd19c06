using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>BlockchainIterator walks blocks from a tip back to genesis through their previous hashes (the tutorial's Iterator).</summary>
public sealed class BlockchainIterator(Blockchain chain, Hash256 start)
{
    private Hash256 _current = start;
    private bool _done;

    /// <summary>The next block going back, or null after genesis.</summary>
    public Block? Next()
    {
        if (_done)
            return null;
        var block = chain.GetBlock(_current);
        if (block is null || block.PrevHash.IsZero)
            _done = true;
        if (block is not null)
            _current = block.PrevHash;
        return block;
    }
}
