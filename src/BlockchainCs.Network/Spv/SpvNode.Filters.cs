using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// The light wallet's BIP 157 mode. Filter headers are asked of every peer that serves compact filters (two at least)
/// and compared; where they differ the wallet fetches that block, computes its filter itself (our inputs carry the
/// public key whose hash the spent output names, so the block alone is enough) and bans whoever lied. Filters are then
/// fetched from one peer, each checked against the agreed headers and tested here against the wallet's key hashes;
/// only the blocks that match are downloaded whole, and checked against their headers' Merkle roots.
/// </summary>
public sealed partial class SpvNode
{
    private readonly List<Hash256> _filterHeaders = [];
    private readonly Dictionary<Hash256, Peer> _blocksInFlight = [];
    private readonly HashSet<Hash256> _filtersInFlight = [];
    private FilterHeaderRound? _round;
    private bool _toldWaitingForPeers;
    private int _wholeBlocks;

    /// <summary>Whole blocks downloaded because their filter matched: all a serving node learns of this wallet.</summary>
    public int WholeBlocksFetched => Volatile.Read(ref _wholeBlocks);

    private bool UsesFilters => _config.Mode == SpvMode.Filters;

    private IEnumerable<Peer> FilterPeers =>
        _connections.ReadyPeers.Where(p => p.Services.HasFlag(ServiceFlags.CompactFilters) && p.Services.HasFlag(ServiceFlags.Network));

    /// <summary>Asks every filter peer for the next range of filter hashes (≤ 2,000), once two or more are connected.</summary>
    private void RequestFilterHeadersLocked()
    {
        if (_round is not null || _filterHeaders.Count > Headers.Height)
            return;
        var peers = FilterPeers.Take(4).ToList();
        if (peers.Count < 2)
        {
            if (!_toldWaitingForPeers)
                _log.LogInformation("Waiting for a second peer that serves compact filters: filter headers are compared between two at least");
            _toldWaitingForPeers = true;
            return;
        }

        _toldWaitingForPeers = false;
        var start = _filterHeaders.Count;
        var stop = Headers.HashAt(Math.Min(Headers.Height, start + CFHeadersPayload.MaxHashes - 1))!.Value;
        _round = new FilterHeaderRound(start, stop, peers);
        foreach (var peer in peers)
            peer.Send(new FilterRangeRequestPayload(Commands.GetCFHeaders, 0, (uint)start, stop));
    }

    private void OnFilterHeaders(Peer peer, CFHeadersPayload message)
    {
        lock (_gate)
        {
            if (_round is not { } round || message.StopHash != round.Stop || !round.Answers.TryGetValue(peer, out var previousAnswer) || previousAnswer is not null)
                return; // not asked (or asked before a reorganisation): nothing to keep
            var expected = Headers.Get(round.Stop)!.Height - round.Start + 1;
            var before = round.Start == 0 ? Hash256.Zero : _filterHeaders[round.Start - 1];
            if (message.FilterHashes.Count != expected || message.PreviousFilterHeader != before)
            {
                Ban(peer, $"its cfheaders for heights {round.Start}+ do not fit: {message.FilterHashes.Count} hashes for {expected}, or another previous header");
                return;
            }

            round.Answers[peer] = message.FilterHashes;
            if (round.Complete)
                SettleRoundLocked(round);
        }
    }

    /// <summary>All answers in: agreed ones extend the verified headers; a difference sends for the block that settles it.</summary>
    private void SettleRoundLocked(FilterHeaderRound round)
    {
        var answers = round.Answers.Values.Select(a => a!).ToList();
        var first = answers[0];
        var differ = Enumerable.Range(0, first.Count).FirstOrDefault(i => answers.Any(a => a[i] != first[i]), -1);
        if (differ < 0)
        {
            var header = round.Start == 0 ? Hash256.Zero : _filterHeaders[^1];
            foreach (var hash in first)
                _filterHeaders.Add(header = BlockFilter.Header(hash, header));
            _round = null;
            _log.LogInformation("Filter headers to height {Height} agree between {Peers} peers", _filterHeaders.Count - 1, answers.Count);
            RequestFilterHeadersLocked();
            RequestFiltersLocked();
            return;
        }

        var height = round.Start + differ;
        round.DisputedHeight = height;
        var hashAt = Headers.HashAt(height)!.Value;
        _log.LogWarning("Peers disagree on the filter of block {Height}; fetching the block to compute it", height);
        // Ask one whose answer most peers share; the block is checked against its header whoever sends it.
        var asked = round.Answers.OrderByDescending(a => answers.Count(b => b[differ] == a.Value![differ])).First().Key;
        _blocksInFlight[hashAt] = asked;
        asked.Send(new GetDataPayload([new InventoryVector(InventoryType.Block, hashAt)]));
    }

    /// <summary>Asks the sync peer for the next filters (≤ 1,000) of blocks whose filter headers are verified and that are not scanned.</summary>
    private void RequestFiltersLocked()
    {
        if (_filtersInFlight.Count > 0 || FilterPeers.FirstOrDefault() is not { } peer)
            return;
        var wanted = UnscannedLocked(Node.MaxFiltersPerRequest).Where(h => Headers.Get(h)!.Height < _filterHeaders.Count).ToList();
        if (wanted.Count == 0)
            return;
        // One contiguous range: from the first wanted block to the last before a gap.
        var start = Headers.Get(wanted[0])!.Height;
        var run = wanted.TakeWhile((hash, i) => Headers.Get(hash)!.Height == start + i).ToList();
        _filtersInFlight.UnionWith(run);
        peer.Send(new FilterRangeRequestPayload(Commands.GetCFilters, 0, (uint)start, run[^1]));
    }

    private void OnFilter(Peer peer, CFilterPayload message)
    {
        lock (_gate)
        {
            if (!_filtersInFlight.Remove(message.BlockHash) || Headers.Get(message.BlockHash) is not { } header || header.Height >= _filterHeaders.Count)
                return; // not asked for: nothing kept
            var previous = header.Height == 0 ? Hash256.Zero : _filterHeaders[header.Height - 1];
            if (BlockFilter.Header(BlockFilter.Hash(message.Filter), previous) != _filterHeaders[header.Height])
            {
                Ban(peer, $"its filter of block {header.Height} does not match the filter headers its peers agreed on");
                _filtersInFlight.Clear();
                return;
            }

            if (BlockFilter.MatchAny(message.BlockHash, message.Filter, Wallet.Wallets.Select(w => w.PubKeyHash)))
            {
                // The only thing a serving node learns: that we want this block.
                _blocksInFlight[message.BlockHash] = peer;
                peer.Send(new GetDataPayload([new InventoryVector(InventoryType.Block, message.BlockHash)]));
            }
            else
            {
                CompleteLocked(new PendingMerkleBlock(message.BlockHash, [], []));
            }

            if (_filtersInFlight.Count == 0)
                RequestFiltersLocked();
        }
    }

    private void OnBlock(Peer peer, Block block)
    {
        lock (_gate)
        {
            if (!_blocksInFlight.Remove(block.Hash, out var askedOf) || askedOf != peer || Headers.Get(block.Hash) is not { } header)
                return; // not asked for: nothing kept
            if (MerkleTree.ComputeRoot(block.Transactions) != header.Header.MerkleRoot)
            {
                Ban(peer, $"its block {block.Hash} does not match its header's Merkle root");
                return;
            }

            if (_round?.DisputedHeight == header.Height)
            {
                SettleDisputeLocked(_round, block);
                return;
            }

            Interlocked.Increment(ref _wholeBlocks);
            var matches = block.Transactions.Select(Wallet.IsRelevant).ToList();
            var received = block.Transactions.Select((tx, i) => (tx, i)).Where(x => matches[x.i]).ToList();
            var proof = received.Count == 0 ? [] : Proof(block, matches);
            var pending = new PendingMerkleBlock(block.Hash, [], proof);
            pending.Received.AddRange(received);
            CompleteLocked(pending);
            RequestFiltersLocked();
        }
    }

    /// <summary>The block's own filter says who told the truth: the others are banned, and the range is asked again.</summary>
    private void SettleDisputeLocked(FilterHeaderRound round, Block block)
    {
        var index = round.DisputedHeight!.Value - round.Start;
        var truth = BlockFilter.Hash(FilterOf(block));
        foreach (var (peer, answer) in round.Answers)
        {
            if (answer![index] != truth)
                Ban(peer, $"its filter header for block {round.DisputedHeight} contradicts the block itself");
        }

        _round = null;
        RequestFilterHeadersLocked();
    }

    /// <summary>A block's basic filter from the block alone: each input's public key hashes to the output it spends.</summary>
    public static byte[] FilterOf(Block block) =>
        GolombCodedSet.Build(BlockFilter.Key(block.Hash), block.Transactions.SelectMany(t => t.Outputs.Select(o => o.PubKeyHash)
            .Concat(t.IsCoinbase ? [] : t.Inputs.Select(i => Hashes.Hash160(i.PubKey)))));

    /// <summary>The partial Merkle tree of the wallet's transactions in a downloaded block, kept as a merkleblock is.</summary>
    private static byte[] Proof(Block block, List<bool> matches)
    {
        var tree = PartialMerkleTree.Build([.. block.Transactions.Select(MerkleTree.LeafHash)], matches);
        var writer = new ByteWriter();
        new MerkleBlockPayload(block, tree.TransactionCount, tree.Hashes, tree.Flags).Write(writer);
        return writer.ToArray();
    }

    /// <summary>A peer that lied about filters: disconnected, and its IP kept away.</summary>
    private void Ban(Peer peer, string why)
    {
        _bans.Ban(peer.RemoteIp, _config.Network.BanDuration, $"{Offence.WrongFilter}: {why}");
        _log.LogWarning("Banned {Ip} ({Peer}) for {Offence}: {Detail}", peer.RemoteIp, peer, Offence.WrongFilter, SafeText.Sanitize(why, 200));
        if (_round is not null)
            _round = null;
        peer.Close($"misbehaving: {Offence.WrongFilter}");
    }

    /// <summary>After a reorganisation the filter headers above the fork are no longer ours.</summary>
    private void ForgetFilterHeadersFromLocked(int height)
    {
        if (_filterHeaders.Count > height)
            _filterHeaders.RemoveRange(height, _filterHeaders.Count - height);
        _round = null;
        _filtersInFlight.Clear();
    }
}
