using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>Network methods: getpeerinfo, getnetworkinfo, getconnectioncount (in the table), getnodegraph, listbanned, setban, addnode, disconnectnode.</summary>
public sealed partial class RpcMethods
{
    /// <summary>Known and banned addresses in the picture: enough to see the network, bounded whatever the address book holds.</summary>
    private const int MaxGraphAddresses = 64;

    private JsonNode GetPeerInfo()
    {
        var now = _node.Time.GetUtcNow();
        var peers = new JsonArray();
        foreach (var peer in ReadyPeersInOrder())
        {
            var info = PeerBasics(peer);
            info["services"] = ((ulong)peer.Services).ToString("x16");
            info["subver"] = peer.UserAgent;
            info["startingheight"] = peer.Version?.BestHeight;
            info["pingtime"] = peer.Stats.PingTime?.TotalSeconds;
            info["minping"] = peer.Stats.MinPing?.TotalSeconds;
            info["bytessent"] = peer.Stats.BytesSent;
            info["bytesrecv"] = peer.Stats.BytesReceived;
            info["conntime"] = peer.ConnectedAt.ToUnixTimeSeconds();
            info["lastrecv"] = peer.Stats.LastReceive.ToUnixTimeSeconds();
            info["sendqueuebytes"] = peer.QueuedSendBytes;
            info["connected_seconds"] = (long)(now - peer.ConnectedAt).TotalSeconds;
            peers.Add((JsonNode)info);
        }

        return peers;
    }

    private IEnumerable<Peer> ReadyPeersInOrder() => _node.Peers.Where(p => p.IsReady).OrderBy(p => p.Id);

    /// <summary>What getpeerinfo and getnodegraph both say of a peer.</summary>
    private static JsonObject PeerBasics(Peer peer) => new()
    {
        ["id"] = peer.Id,
        ["addr"] = peer.Remote.ToString(),
        ["addrlisten"] = peer.ListenAddress?.ToString(),
        ["inbound"] = peer.Inbound,
        ["synced_blocks"] = peer.Stats.BestHeight,
        ["banscore"] = peer.Stats.BanScore,
    };

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

    private JsonNode GetNodeGraph()
    {
        var peers = new JsonArray();
        foreach (var peer in ReadyPeersInOrder())
        {
            var node = PeerBasics(peer);
            node["miner"] = peer.Services.HasFlag(Protocol.ServiceFlags.Miner);
            peers.Add((JsonNode)node);
        }

        var known = new JsonArray();
        foreach (var entry in _node.Addresses.Snapshot(MaxGraphAddresses))
            known.Add((JsonNode)new JsonObject { ["addr"] = entry.Address.ToString(), ["seed"] = entry.IsSeed, ["tried"] = entry.IsTried });
        return new JsonObject
        {
            ["self"] = new JsonObject
            {
                ["addr"] = _node.ListenAddress.ToString(),
                ["miner"] = _node.Config.MinerPubKeyHash is not null,
                ["blocks"] = _node.Chain.Tip.Height,
            },
            ["peers"] = peers,
            ["known"] = known,
            ["banned"] = new JsonArray([.. _node.Bans.Entries().Take(MaxGraphAddresses).Select(b => JsonValue.Create(b.Address))]),
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

    private JsonNode? AddNode(JsonArray parameters)
    {
        var text = Text(parameters, 0, "node");
        var command = Text(parameters, 1, "command");
        if (!PeerAddress.TryParse(text, out var address))
            throw new RpcException(RpcErrorCode.InvalidParameter, $"node '{text}' is not HOST:PORT");
        if (command is not ("add" or "onetry"))
            throw new RpcException(RpcErrorCode.InvalidParameter, "command must be add or onetry");
        return _node.AddNode(address, command == "onetry")
            ? null
            : throw new RpcException(RpcErrorCode.NodeAlreadyAdded, $"{address} is connected or being connected already");
    }

    private JsonNode? DisconnectNode(JsonArray parameters)
    {
        var text = Text(parameters, 0, "address");
        var peer = _node.Peers.FirstOrDefault(p => p.Remote.ToString() == text || p.ListenAddress?.ToString() == text)
            ?? throw new RpcException(RpcErrorCode.NodeNotConnected, $"Node {text} not found in connected nodes");
        peer.Close("disconnected by hand (RPC disconnectnode)");
        return null;
    }

    private JsonNode? SetBan(JsonArray parameters)
    {
        var text = Text(parameters, 0, "subnet");
        var command = Text(parameters, 1, "command");
        if (!System.Net.IPAddress.TryParse(text, out var ip))
            throw new RpcException(RpcErrorCode.InvalidIp, $"Error: Invalid IP: {text}");
        switch (command)
        {
            case "add":
                var seconds = Number(parameters, 2, "bantime", 86_400);
                if (seconds is <= 0 or > 10L * 365 * 86_400)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "bantime must be from 1 s to 10 years");
                if (_node.Bans.IsBanned(ip))
                    throw new RpcException(RpcErrorCode.InvalidIp, "Error: IP/Subnet already banned");
                _node.BanByHand(ip, TimeSpan.FromSeconds(seconds));
                return null;
            case "remove":
                return _node.Bans.Unban(ip) ? null : throw new RpcException(RpcErrorCode.InvalidIp, "Error: Unban failed. Requested address/subnet was not previously manually banned.");
            default:
                throw new RpcException(RpcErrorCode.InvalidParameter, "command must be add or remove");
        }
    }
}
