using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>Message dispatch (the tutorial's handleConnection switch): one handler per command.</summary>
public sealed partial class Node
{
    public async Task HandleAsync(Peer peer, IPayload payload, CancellationToken cancellationToken)
    {
        peer.LastMessageAt = Config.Time.GetUtcNow();
        _log.LogInformation("Received {Command} command from {Peer}", payload.Command, peer);
        if (!peer.HandshakeComplete && payload is not (VersionPayload or VerackPayload or RejectPayload))
        {
            Punish(peer, $"sent {payload.Command} before the handshake");
            return;
        }

        switch (payload)
        {
            case VersionPayload version:
                HandleVersion(peer, version);
                break;
            case VerackPayload:
                HandleVerack(peer);
                break;
            case PingPayload ping:
                peer.Send(new PongPayload(ping.Nonce));
                break;
            case PongPayload pong:
                if (peer.PendingPing == pong.Nonce)
                    peer.PendingPing = null;
                break;
            case GetBlocksPayload getBlocks:
                HandleGetBlocks(peer, getBlocks);
                break;
            case InvPayload inv:
                HandleInv(peer, inv);
                break;
            case GetDataPayload getData:
                HandleGetData(peer, getData);
                break;
            case BlockPayload block:
                await ReceiveBlockAsync(peer, block.Block, cancellationToken);
                break;
            case TxPayload tx:
                await HandleTransactionAsync(peer, tx.Transaction);
                break;
            case MempoolPayload:
                AnnounceMempool(peer);
                break;
            case NotFoundPayload notFound:
                HandleNotFound(peer, notFound);
                break;
            case AddrPayload addr:
                HandleAddr(peer, addr);
                break;
            case GetAddrPayload:
                HandleGetAddr(peer);
                break;
            case RejectPayload reject:
                _log.LogInformation("{Peer} rejected our {Message}: {Code} {Reason}", peer, reject.Message, reject.Code, reject.Reason);
                break;
            default:
                _log.LogInformation("Ignored {Command} from {Peer} (not supported yet)", payload.Command, peer);
                break;
        }
    }
}
