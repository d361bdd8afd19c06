using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>Block locators (what getblocks carries) and answering them.</summary>
public sealed partial class Blockchain
{
    /// <summary>Bitcoin's block locator: the last 10 best-chain hashes, then exponentially sparser back to genesis.</summary>
    public List<Hash256> BlockLocator()
    {
        lock (_gate)
        {
            var locator = new List<Hash256>();
            var step = 1;
            for (var height = _tip.Height; height > 0; height -= step)
            {
                locator.Add(_store.GetBestHash(height)!.Value);
                if (locator.Count >= 10)
                    step *= 2;
            }

            locator.Add(GenesisHash);
            return locator;
        }
    }

    /// <summary>
    /// The best-chain hashes after the first locator entry we have on our best chain, up to <paramref name="stop"/>
    /// (inclusive) or <paramref name="max"/> items (what a getblocks is answered with).
    /// </summary>
    public List<Hash256> HashesAfter(IReadOnlyList<Hash256> locator, Hash256 stop, int max)
    {
        lock (_gate)
        {
            var hashes = _store.GetBestHashes(HeightAfter(locator), max);
            var stopAt = hashes.IndexOf(stop);
            if (!stop.IsZero && stopAt >= 0)
                hashes.RemoveRange(stopAt + 1, hashes.Count - stopAt - 1);
            return hashes;
        }
    }

    /// <summary>The same walk for getheaders: the best chain's headers (no transactions) after the locator's fork point.</summary>
    public List<Block> HeadersAfter(IReadOnlyList<Hash256> locator, Hash256 stop, int max)
    {
        lock (_gate)
        {
            var headers = _store.GetBestHeaders(HeightAfter(locator), max);
            var stopAt = headers.FindIndex(h => h.Hash == stop);
            if (!stop.IsZero && stopAt >= 0)
                headers.RemoveRange(stopAt + 1, headers.Count - stopAt - 1);
            return headers;
        }
    }

    /// <summary>The height after the first locator hash on our best chain (0, genesis, when none is).</summary>
    private int HeightAfter(IReadOnlyList<Hash256> locator)
    {
        foreach (var hash in locator)
        {
            if (_store.GetBlockInfo(hash) is { } info && _store.GetBestHash(info.Height) == hash)
                return info.Height + 1;
        }

        return 0;
    }
}
