using System.Numerics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Spv;

namespace BlockchainCs.Network;

/// <summary>
/// The chain of headers a light wallet follows (headers-first sync): every header it accepted, indexed in memory, and
/// the best chain — the one with the most cumulative work — kept in <see cref="SpvStore"/>. A header must pass
/// <see cref="BlockRules.CheckHeader"/> (the chain's target bits, proof of work, time) and link to a known parent at
/// the next height; one that does not is refused with the offence it is. Heavier branches reorganise the best chain.
/// </summary>
public sealed class HeaderChain
{
    /// <summary>
    /// How far below the tip a branch may fork. Proof of work is cheap at this chain's targets, so without it a peer could
    /// fill our database with branches off old blocks; a real reorganisation is a few blocks deep.
    /// </summary>
    public const int MaxForkDepth = 100;

    /// <summary>Headers kept off the best chain, at most: side branches are bounded whatever peers send.</summary>
    public const int MaxSideHeaders = 10_000;

    private readonly SpvStore _store;
    private readonly ChainParameters _parameters;
    private readonly TimeProvider _time;
    private readonly Dictionary<Hash256, StoredHeader> _headers = [];
    private readonly List<Hash256> _best;

    public HeaderChain(SpvStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _parameters = new ChainParameters { TargetBits = store.TargetBits };
        foreach (var header in store.LoadHeaders())
            _headers[header.Hash] = header;
        _best = store.LoadBestChain();
    }

    public Hash256 GenesisHash => _best[0];

    public StoredHeader Tip => _headers[_best[^1]];

    public int Height => _best.Count - 1;

    public int Count => _headers.Count;

    public StoredHeader? Get(Hash256 hash) => _headers.GetValueOrDefault(hash);

    public Hash256? HashAt(int height) => height >= 0 && height < _best.Count ? _best[height] : null;

    public bool IsOnBestChain(Hash256 hash) => _headers.TryGetValue(hash, out var header) && HashAt(header.Height) == hash;

    /// <summary>Bitcoin's block locator over the best chain: the last 10, then exponentially sparser, then genesis.</summary>
    public List<Hash256> Locator()
    {
        var locator = new List<Hash256>();
        var step = 1;
        for (var height = Height; height > 0; height -= step)
        {
            locator.Add(_best[height]);
            if (locator.Count >= 10)
                step *= 2;
        }

        locator.Add(GenesisHash);
        return locator;
    }

    /// <summary>
    /// Adds a peer's headers (in order, as headers carries them). Returns the blocks that left the best chain and those
    /// that joined it (oldest first); throws <see cref="HeaderException"/> at the first bad one, keeping those before it.
    /// </summary>
    public (List<Hash256> Disconnected, List<Hash256> Connected) Add(IReadOnlyList<Block> headers)
    {
        var added = new List<StoredHeader>();
        HeaderException? refused = null;
        foreach (var raw in headers)
        {
            var header = SpvStore.Header(raw);
            if (_headers.ContainsKey(header.Hash))
                continue;
            try
            {
                added.Add(Accept(header));
            }
            catch (HeaderException e)
            {
                refused = e;
                break;
            }
        }

        var change = added.Count == 0 ? ([], []) : Reorganise(added);
        return refused is null ? change : throw refused;
    }

    private StoredHeader Accept(Block header)
    {
        try
        {
            BlockRules.CheckHeader(header, _parameters, _time.GetUtcNow());
        }
        catch (RuleException e)
        {
            throw new HeaderException(Offence.InvalidHeader, e.Message);
        }

        if (!_headers.TryGetValue(header.PrevHash, out var parent))
            throw new HeaderException(Offence.UnconnectingHeaders, $"header {header.Hash} at height {header.Height} links to {header.PrevHash}, which we do not know");
        if (!IsOnBestChain(parent.Hash) || parent.Height < Height)
        {
            // A branch: not from deeper than MaxForkDepth below the tip, and not beyond the side-header budget.
            if (Height - ForkHeight(parent) > MaxForkDepth)
                throw new HeaderException(Offence.InvalidHeader, $"header {header.Hash} forks {Height - ForkHeight(parent)} blocks below our tip; at most {MaxForkDepth}");
            if (_headers.Count - _best.Count >= MaxSideHeaders)
                throw new HeaderException(Offence.InvalidHeader, $"{MaxSideHeaders} headers off the best chain are kept already");
        }
        if (header.Height != parent.Height + 1)
            throw new HeaderException(Offence.InvalidHeader, $"header {header.Hash} claims height {header.Height}; its parent is at {parent.Height}");
        var stored = new StoredHeader(header, parent.ChainWork + ProofOfWork.Work(header.TargetBits));
        _headers[header.Hash] = stored;
        return stored;
    }

    /// <summary>The height where <paramref name="header"/>'s branch leaves the best chain (its own height when it is on it).</summary>
    private int ForkHeight(StoredHeader header)
    {
        var cursor = header;
        while (!IsOnBestChain(cursor.Hash))
            cursor = _headers[cursor.Header.PrevHash];
        return cursor.Height;
    }

    /// <summary>Makes the heaviest known header the tip (ties keep the current chain) and saves the change.</summary>
    private (List<Hash256> Disconnected, List<Hash256> Connected) Reorganise(List<StoredHeader> added)
    {
        var best = added.MaxBy(h => h.ChainWork)!;
        if (best.ChainWork <= Tip.ChainWork)
        {
            _store.SaveHeaders(added, _best.Count, []);
            return ([], []);
        }

        // Walk back from the new tip to the best chain: that is the fork point.
        var branch = new List<Hash256>();
        var cursor = best;
        while (HashAt(cursor.Height) != cursor.Hash)
        {
            branch.Add(cursor.Hash);
            cursor = _headers[cursor.Header.PrevHash];
        }

        branch.Reverse();
        var fork = cursor.Height;
        var disconnected = _best.Skip(fork + 1).Reverse().ToList();
        _best.RemoveRange(fork + 1, _best.Count - fork - 1);
        _best.AddRange(branch);
        _store.SaveHeaders(added, fork + 1, branch);
        return (disconnected, branch);
    }

    /// <summary>The work of the best chain (for tests and the log).</summary>
    public BigInteger ChainWork => Tip.ChainWork;
}
