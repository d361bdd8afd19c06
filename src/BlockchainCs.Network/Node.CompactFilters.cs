using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// BIP 157 serving: the basic filters the chain keeps for each best-chain block (never computed on request) —
/// getcfilters → a cfilter per block (≤ 1,000), getcfheaders → cfheaders (≤ 2,000 filter hashes), getcfcheckpt →
/// cfcheckpt (every 1,000th filter header). A request for another filter type, for a stop hash not on our best chain,
/// starting above its stop, or over the limits is misbehaviour.
/// </summary>
public sealed partial class Node
{
    public const byte BasicFilterType = 0;
    public const int MaxFiltersPerRequest = 1_000;
    public const int MaxFilterHeadersPerRequest = CFHeadersPayload.MaxHashes;
    public const int FilterCheckpointInterval = 1_000;

    private void AnswerGetCFilters(Peer peer, FilterRangeRequestPayload request)
    {
        if (FilterRange(peer, request, MaxFiltersPerRequest) is not { } range)
            return;
        for (var height = range.Start; height <= range.Stop; height++)
        {
            var hash = Chain.GetHashAtHeight(height)!.Value;
            var (filter, _) = Chain.GetFilter(hash) ?? throw new InvalidOperationException($"the filter of best-chain block {hash} is missing");
            peer.Send(new CFilterPayload(BasicFilterType, hash, filter));
        }
    }

    private void AnswerGetCFHeaders(Peer peer, FilterRangeRequestPayload request)
    {
        if (FilterRange(peer, request, MaxFilterHeadersPerRequest) is not { } range)
            return;
        var previous = range.Start == 0 ? Hash256.Zero : Chain.GetFilter(Chain.GetHashAtHeight(range.Start - 1)!.Value)!.Value.Header;
        var hashes = new List<Hash256>(range.Stop - range.Start + 1);
        for (var height = range.Start; height <= range.Stop; height++)
            hashes.Add(BlockFilter.Hash(Chain.GetFilter(Chain.GetHashAtHeight(height)!.Value)!.Value.Filter));
        peer.Send(new CFHeadersPayload(BasicFilterType, request.StopHash, previous, hashes));
    }

    private void AnswerGetCFCheckpt(Peer peer, GetCFCheckptPayload request)
    {
        if (StopHeight(peer, request.Command, request.FilterType, request.StopHash) is not { } stop)
            return;
        var headers = new List<Hash256>();
        for (var height = FilterCheckpointInterval; height <= stop; height += FilterCheckpointInterval)
            headers.Add(Chain.GetFilter(Chain.GetHashAtHeight(height)!.Value)!.Value.Header);
        peer.Send(new CFCheckptPayload(BasicFilterType, request.StopHash, headers));
    }

    /// <summary>The heights a range request asks for, or null when it broke a rule (the peer is punished).</summary>
    private (int Start, int Stop)? FilterRange(Peer peer, FilterRangeRequestPayload request, int max)
    {
        if (StopHeight(peer, request.Command, request.FilterType, request.StopHash) is not { } stop)
            return null;
        if (request.StartHeight > stop || stop - (long)request.StartHeight + 1 > max)
        {
            Discipline.Punish(peer, Offence.InvalidFilterRequest,
                $"{request.Command} from height {request.StartHeight} to {stop}: the start must not pass the stop, and at most {max} blocks");
            return null;
        }

        return ((int)request.StartHeight, stop);
    }

    private int? StopHeight(Peer peer, string command, byte filterType, Hash256 stopHash)
    {
        if (filterType != BasicFilterType)
        {
            Discipline.Punish(peer, Offence.InvalidFilterRequest, $"{command} for filter type {filterType}; only 0 (basic) exists");
            return null;
        }

        if (!Chain.IsOnBestChain(stopHash) || Chain.GetBlockInfo(stopHash) is not { } info)
        {
            Discipline.Punish(peer, Offence.InvalidFilterRequest, $"{command} up to {stopHash}, which is not on our best chain");
            return null;
        }

        return info.Height;
    }
}
