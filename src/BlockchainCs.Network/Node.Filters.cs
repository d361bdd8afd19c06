using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// What a full node serves light wallets: headers (getheaders, at most 2,000 a message) and BIP 37 — a filter per
/// connection (filterload, filteradd, filterclear) and filtered blocks (getdata FilteredBlock → merkleblock, then a tx
/// for each match). Limits are BIP 37's (36,000 bytes, 50 functions, 520-byte elements: past them the message does not
/// decode, which is misbehaviour); a filteradd without a filter is misbehaviour; a node started with
/// --no-bloom-filters does not advertise the service and disconnects a peer that sends filter messages (BIP 111).
/// </summary>
public sealed partial class Node
{
    public const int MaxHeadersPerMessage = HeadersPayload.MaxHeaders;

    private void AnswerGetHeaders(Peer peer, GetHeadersPayload request)
    {
        var headers = Chain.HeadersAfter(request.Locator, request.HashStop, MaxHeadersPerMessage);
        peer.Send(new HeadersPayload(headers)); // an empty answer tells the peer it is up to date
    }

    private void LoadFilter(Peer peer, FilterLoadPayload load)
    {
        if (RefusesFilters(peer, load.Command))
            return;
        peer.Filter = new BloomFilter(load.Filter, load.HashFunctions, load.Tweak, (BloomFlags)load.Flags);
        peer.RelayTransactions = true;
        _log.LogDebug("{Peer} loaded a bloom filter: {Bytes} bytes, {Functions} hash functions, flags {Flags}", peer, load.Filter.Length,
            load.HashFunctions, (BloomFlags)(load.Flags & 3));
    }

    private void AddToFilter(Peer peer, FilterAddPayload add)
    {
        if (RefusesFilters(peer, add.Command))
            return;
        if (peer.Filter is not { } filter)
        {
            Discipline.Punish(peer, Offence.InvalidFilter, "filteradd without a filter loaded");
            return;
        }

        filter.Insert(add.Data);
    }

    private void ClearFilter(Peer peer)
    {
        if (RefusesFilters(peer, Commands.FilterClear))
            return;
        peer.Filter = null;
        peer.RelayTransactions = true;
    }

    /// <summary>BIP 111: a node that does not serve bloom filters disconnects a peer that sends filter messages (no ban).</summary>
    private bool RefusesFilters(Peer peer, string command)
    {
        if (Config.ServeBloomFilters)
            return false;
        peer.Close($"it sent {command} but this node does not serve bloom filters (--no-bloom-filters)");
        return true;
    }

    /// <summary>
    /// A filtered block: the header and the partial Merkle tree of the transactions matching the peer's filter, then
    /// each match as a tx. Without a filter nothing is sent (as Bitcoin Core); a block we do not have is notfound.
    /// </summary>
    private bool RespondFiltered(Peer peer, Hash256 hash, List<byte[]> responses)
    {
        if (peer.Filter is not { } filter)
            return true;
        if (Chain.GetBlock(hash) is not { } block)
            return false;
        var matches = new bool[block.Transactions.Count];
        var leaves = new Hash256[block.Transactions.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = filter.IsRelevantAndUpdate(block.Transactions[i]);
            leaves[i] = MerkleTree.LeafHash(block.Transactions[i]);
        }

        var tree = PartialMerkleTree.Build(leaves, matches);
        peer.Known.Add(hash);
        peer.Stats.NoteServedBlock(Config.Time.GetUtcNow());
        responses.Add(MessageFraming.Encode(Config.Magic, new MerkleBlockPayload(block, tree.TransactionCount, tree.Hashes, tree.Flags)));
        for (var i = 0; i < matches.Length; i++)
        {
            if (!matches[i])
                continue;
            peer.Known.Add(block.Transactions[i].Id);
            responses.Add(MessageFraming.Encode(Config.Magic, new TxPayload(block.Transactions[i])));
        }

        return true;
    }
}
