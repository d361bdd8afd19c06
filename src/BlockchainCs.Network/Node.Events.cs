using System.Text.Json.Nodes;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Network.Events;

namespace BlockchainCs.Network;

/// <summary>What the node tells its <see cref="Events"/> feed (the live page's stream): blocks, transactions, peers, punishments.</summary>
public sealed partial class Node
{
    public NodeEvents Events { get; }

    private void PublishEvents()
    {
        Sync.TipChanged += OnTipChanged;
        Sync.TransactionsAccepted += transactions =>
        {
            foreach (var tx in transactions)
            {
                var value = tx.Outputs.Sum(o => o.Value);
                Events.Publish(NodeEventKind.Transaction, $"Transaction {Short(tx.Id.ToString())} accepted: {value} coins to {tx.Outputs.Count} output(s)",
                    new JsonObject { ["txid"] = tx.Id.ToString(), ["value"] = value, ["size"] = tx.Size });
            }
        };
        Discipline.Punished += (peer, what, banned) => Events.Publish(banned ? NodeEventKind.Banned : NodeEventKind.Misbehaving,
            banned ? $"Banned {peer.RemoteIp} ({peer}): {what}" : $"Peer {peer} misbehaved: {what}",
            new JsonObject { ["peer"] = peer.ToString(), ["id"] = peer.Id });
    }

    private void OnTipChanged(BlockAddResult result)
    {
        foreach (var block in result.Disconnected)
        {
            Events.Publish(NodeEventKind.BlockDisconnected, $"Block {block.Height} {Short(block.Hash.ToString())} left the best chain (reorganisation)",
                new JsonObject { ["hash"] = block.Hash.ToString(), ["height"] = block.Height });
        }

        foreach (var block in result.Connected)
        {
            var miner = block.Transactions[0].Outputs.Count > 0 ? Address.FromPubKeyHash(block.Transactions[0].Outputs[0].PubKeyHash) : "";
            Events.Publish(NodeEventKind.Block, $"Block {block.Height} {Short(block.Hash.ToString())} added: {block.Transactions.Count} transaction(s)",
                new JsonObject { ["hash"] = block.Hash.ToString(), ["height"] = block.Height, ["tx"] = block.Transactions.Count, ["miner"] = miner });
        }
    }

    private void PublishPeer(Peer peer, bool connected)
    {
        var direction = peer.Inbound ? "inbound" : "outbound";
        Events.Publish(connected ? NodeEventKind.PeerConnected : NodeEventKind.PeerDisconnected,
            connected ? $"Peer {peer} connected ({direction}, height {peer.Stats.BestHeight})" : $"Peer {peer} disconnected: {peer.CloseReason}",
            new JsonObject { ["peer"] = peer.ToString(), ["id"] = peer.Id, ["inbound"] = peer.Inbound });
    }

    private static string Short(string hash) => hash[..12] + "…";
}
