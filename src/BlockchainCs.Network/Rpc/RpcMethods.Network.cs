using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>Network methods: getpeerinfo, getnetworkinfo, getconnectioncount (in the table), listbanned.</summary>
public sealed partial class RpcMethods
{
    private JsonNode GetPeerInfo()
    {
        var now = _node.Time.GetUtcNow();
        var peers = new JsonArray();
        foreach (var peer in _node.Peers.Where(p => p.IsReady).OrderBy(p => p.Id))
        {
            peers.Add((JsonNode)new JsonObject
            {
                ["id"] = peer.Id,
                ["addr"] = peer.Remote.ToString(),
                ["addrlisten"] = peer.ListenAddress?.ToString(),
                ["inbound"] = peer.Inbound,
                ["services"] = ((ulong)peer.Services).ToString("x16"),
                ["subver"] = peer.UserAgent,
                ["startingheight"] = peer.Version?.BestHeight,
                ["synced_blocks"] = peer.Stats.BestHeight,
                ["pingtime"] = peer.Stats.PingTime?.TotalSeconds,
                ["minping"] = peer.Stats.MinPing?.TotalSeconds,
                ["bytessent"] = peer.Stats.BytesSent,
                ["bytesrecv"] = peer.Stats.BytesReceived,
                ["conntime"] = peer.ConnectedAt.ToUnixTimeSeconds(),
                ["lastrecv"] = peer.Stats.LastReceive.ToUnixTimeSeconds(),
                ["banscore"] = peer.Stats.BanScore,
                ["sendqueuebytes"] = peer.QueuedSendBytes,
                ["connected_seconds"] = (long)(now - peer.ConnectedAt).TotalSeconds,
            });
        }

        return peers;
    }

    private JsonNode GetNetworkInfo()
    {
        var ready = _node.ReadyPeers.ToList();
        return new JsonObject
        {
            ["version"] = Protocol.Payloads.VersionPayload.CurrentProtocolVersion,
            ["subversion"] = _node.Config.UserAgent,
            ["localaddress"] = _node.ListenAddress.ToString(),
            ["connections"] = ready.Count,
            ["connections_in"] = ready.Count(p => p.Inbound),
            ["connections_out"] = ready.Count(p => !p.Inbound),
            ["maxinbound"] = _node.Config.MaxInbound,
            ["maxoutbound"] = _node.Config.MaxOutbound,
            ["knownaddresses"] = _node.Addresses.Count,
            ["banned"] = _node.Bans.Count,
        };
    }

    private JsonNode ListBanned()
    {
        var list = new JsonArray();
        foreach (var entry in _node.Bans.Entries())
        {
            list.Add((JsonNode)new JsonObject
            {
                ["address"] = entry.Address,
                ["ban_created"] = entry.Since.ToUnixTimeSeconds(),
                ["banned_until"] = entry.Until.ToUnixTimeSeconds(),
                ["ban_reason"] = entry.Reason,
            });
        }

        return list;
    }

    private JsonNode GetMiningStats() => new JsonObject
    {
        ["mining"] = _node.Config.MinerPubKeyHash is not null,
        ["address"] = _node.Config.MinerPubKeyHash is { } hash ? Core.Crypto.Address.FromPubKeyHash(hash) : null,
        ["blocksmined"] = _node.BlocksMined,
        ["mempooltransactions"] = _node.Mempool.Count,
        ["storagepaused"] = _node.Sync.IsStoragePaused,
    };
}
