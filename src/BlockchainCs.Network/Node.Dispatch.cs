using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// What the node does for its peers (<see cref="IPeerHandler"/>): the handshake's outcome, and the dispatch table (the
/// tutorial's handleConnection switch) that routes each message to the part that owns it.
/// </summary>
public sealed partial class Node
{
    public LocalNode Local => _local;

    public TimeProvider Time => Config.Time;

    public async ValueTask HandleAsync(Peer peer, IPayload payload, int size, CancellationToken cancellationToken)
    {
        // The tutorial's "Received X command" lines; keep-alives, address gossip, the blocks of a long sync and whatever
        // a peer sends beyond 10 messages a second are detail (--debug node).
        var level = IsChatter(peer, payload) || !peer.Stats.TryTell(Config.Time.GetUtcNow()) ? LogLevel.Debug : LogLevel.Information;
        _log.Log(level, "Received {Command} command from {Peer}", payload.Command, peer);
        switch (payload)
        {
            case PingPayload ping:
                peer.Send(new PongPayload(ping.Nonce));
                break;
            case PongPayload pong:
                peer.Stats.Pong(pong.Nonce, Config.Time.GetUtcNow());
                break;
            case InvPayload inv:
                LogInventory(inv, level);
                await Sync.HandleInvAsync(peer, inv);
                break;
            case GetBlocksPayload getBlocks:
                AnswerGetBlocks(peer, getBlocks);
                break;
            case GetDataPayload getData:
                if (!peer.Request(getData.Items))
                    Discipline.Punish(peer, Offence.RequestFlood, $"more than {Config.Limits.MaxPendingRequests} getdata items waiting");
                break;
            case BlockPayload block:
                peer.Known.Add(block.Block.Hash);
                peer.Stats.RaiseBestHeight(block.Block.Height);
                await Sync.ReceiveBlockAsync(peer, block.Block, size);
                break;
            case TxPayload tx:
                await Sync.SubmitTransactionAsync(tx.Transaction, peer);
                break;
            case NotFoundPayload notFound:
                await Sync.HandleNotFoundAsync(peer, notFound);
                break;
            case MempoolPayload:
                // Through the announcer: what the peer does not know yet and, with a filter loaded, what matches it.
                _announcer.AnnounceTo(peer, [.. Mempool.Ids().Select(id => new InventoryVector(InventoryType.Tx, id))]);
                break;
            case GetHeadersPayload getHeaders:
                AnswerGetHeaders(peer, getHeaders);
                break;
            case FilterLoadPayload load:
                LoadFilter(peer, load);
                break;
            case FilterAddPayload add:
                AddToFilter(peer, add);
                break;
            case FilterClearPayload:
                ClearFilter(peer);
                break;
            case FilterRangeRequestPayload { Command: Commands.GetCFilters } getCFilters:
                AnswerGetCFilters(peer, getCFilters);
                break;
            case FilterRangeRequestPayload getCFHeaders:
                AnswerGetCFHeaders(peer, getCFHeaders);
                break;
            case GetCFCheckptPayload getCFCheckpt:
                AnswerGetCFCheckpt(peer, getCFCheckpt);
                break;
            case FeeFilterPayload feeFilter:
                ReceiveFeeFilter(peer, feeFilter);
                break;
            case AlertPayload alert:
                ReceiveAlert(alert, peer);
                break;
            case AddrPayload addr:
                _addressRelay.HandleAddr(peer, addr);
                break;
            case GetAddrPayload:
                _addressRelay.HandleGetAddr(peer);
                break;
            case RejectPayload reject:
                _log.LogInformation("{Peer} rejected our {Message}: {Code} {Reason}", peer, SafeText.Sanitize(reject.Message), reject.Code,
                    SafeText.Sanitize(reject.Reason));
                break;
            case VersionPayload or VerackPayload:
                Discipline.Punish(peer, Offence.ProtocolViolation, $"it sent {payload.Command} after the handshake");
                break;
            default:
                _log.LogDebug("Ignored {Command} from {Peer} (not supported yet)", payload.Command, peer);
                break;
        }
    }

    private bool IsChatter(Peer peer, IPayload payload) => payload switch
    {
        PingPayload or PongPayload or AddrPayload or GetAddrPayload => true,
        BlockPayload => SyncManager.IsCatchingUp(peer, Chain),
        _ => false,
    };

    /// <summary>The tutorial's "Received inventory with 2 block" line, counted by kind.</summary>
    private void LogInventory(InvPayload inv, LogLevel level)
    {
        if (!_log.IsEnabled(level))
            return;
        var blocks = inv.Items.Count(i => i.Type == InventoryType.Block);
        var transactions = inv.Items.Count(i => i.Type == InventoryType.Tx);
        if (blocks > 0)
            _log.Log(level, "Received inventory with {Count} block{S}", blocks, blocks == 1 ? "" : "s");
        if (transactions > 0)
            _log.Log(level, "Received inventory with {Count} transaction{S}", transactions, transactions == 1 ? "" : "s");
    }

    public string? AcceptVersion(Peer peer, VersionPayload version)
    {
        _log.LogInformation("Received version command from {Peer}", peer);
        var dialled = _connections.Peers.FirstOrDefault(p => !p.Inbound && p != peer && p.LocalNonce == version.Nonce);
        if (version.Nonce != _connections.NodeNonce && dialled is null && !(!peer.Inbound && version.Nonce == peer.LocalNonce))
            return null;
        // We dialled our own listen address under another name: never dial it again.
        var self = dialled?.Remote ?? (peer.Inbound ? null : peer.Remote);
        _log.LogInformation("Connected to myself through {Address}; that address will not be dialled again", self?.ToString() ?? peer.ToString());
        if (self is not null)
            Addresses.MarkSelf(self);
        dialled?.Close("connected to itself");
        return "connected to itself";
    }

    public void OnReady(Peer peer)
    {
        _log.LogInformation("Handshake with {Peer} done: height {Height}, agent {Agent}", peer, peer.Stats.BestHeight, peer.UserAgent);
        if (!peer.Inbound)
            Addresses.MarkGood(peer.Remote);
        _addressRelay.OnReady(peer);
        _rebroadcaster.OnReady(peer);
        SendFeeFilter(peer, Mempool.MinFee(Config.Time.GetUtcNow()).PerKb);
        SendAlerts(peer);
        PublishPeer(peer, connected: true);
        _ = Sync.PeerReadyAsync(peer);
    }

    public void OnUnknownCommand(Peer peer, string command, int size) =>
        _log.LogDebug("Ignored unknown command {Command} ({Size} bytes) from {Peer}", SafeText.Sanitize(command), size, peer);

    public void OnMisbehaving(Peer peer, Offence offence, string detail) => Discipline.Punish(peer, offence, detail);

    public void OnError(Peer peer, Exception error) => _log.LogError(error, "Unexpected error handling {Peer}; disconnecting it", peer);

    public void OnClosed(Peer peer)
    {
        _connections.Remove(peer);
        Sync.PeerClosed(peer);
        _addressRelay.OnClosed(peer);
        // An address that accepts the connection but never completes the handshake backs off like one that refuses it.
        if (!peer.Inbound && peer.Version is null && !_stop.IsCancellationRequested)
            Addresses.MarkFailed(peer.Remote, Config.ReconnectDelay, Config.MaxReconnectDelay);
        _log.LogInformation("Disconnected from {Peer}: {Reason}", peer, peer.CloseReason);
        if (peer.Version is not null && !_stop.IsCancellationRequested)
            PublishPeer(peer, connected: false);
    }

    public bool Respond(Peer peer, InventoryVector item, List<byte[]> responses)
    {
        switch (item.Type)
        {
            case InventoryType.Block when Chain.GetBlockBytes(item.Hash) is { } bytes:
                peer.Known.Add(item.Hash);
                peer.Stats.NoteServedBlock(Config.Time.GetUtcNow());
                responses.Add(MessageFraming.Encode(Config.Magic, Commands.Block, bytes));
                return true;
            case InventoryType.Tx when (Mempool.Get(item.Hash) ?? Sync.Recent.Get(item.Hash)) is { } tx:
                peer.Known.Add(item.Hash);
                responses.Add(MessageFraming.Encode(Config.Magic, new TxPayload(tx)));
                return true;
            case InventoryType.FilteredBlock:
                return RespondFiltered(peer, item.Hash, responses);
            default:
                return false;
        }
    }

    private void AnswerGetBlocks(Peer peer, GetBlocksPayload request)
    {
        var hashes = Chain.HashesAfter(request.Locator, request.HashStop, SyncManager.MaxBlocksPerInv);
        if (hashes.Count == 0)
            return;
        foreach (var hash in hashes)
            peer.Known.Add(hash);
        peer.Send(new InvPayload([.. hashes.Select(h => new InventoryVector(InventoryType.Block, h))]));
    }

}
