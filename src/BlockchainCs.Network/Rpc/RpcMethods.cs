using System.Text.Json.Nodes;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Rpc;

/// <summary>
/// The methods a running node answers, named and shaped as Bitcoin Core's where our chain allows (one partial file
/// per area: chain, mempool, network, control). Each reads its answer from the part of the node that owns it.
/// </summary>
public sealed partial class RpcMethods
{
    private readonly Node _node;
    private readonly Action _stop;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, (string Help, Func<JsonArray, Task<JsonNode?>> Call)> _table;

    public RpcMethods(Node node, Action stop)
    {
        _node = node;
        _stop = stop;
        _startedAt = node.Time.GetUtcNow();
        _table = new(StringComparer.Ordinal)
        {
            ["getblockchaininfo"] = ("getblockchaininfo: chain height, best block, sync progress", p => Sync(p, 0, GetBlockchainInfo)),
            ["getbestblockhash"] = ("getbestblockhash: the hash of the best block", p => Sync(p, 0, () => _node.Chain.Tip.Hash.ToString())),
            ["getblockcount"] = ("getblockcount: the height of the best block", p => Sync(p, 0, () => _node.Chain.Tip.Height)),
            ["getblockhash"] = ("getblockhash HEIGHT: the hash of the best chain's block at HEIGHT", p => Sync(p, 1, () => GetBlockHash(p))),
            ["getblock"] = ("getblock HASH [VERBOSITY=1]: a block; 0 hex, 1 with transaction ids, 2 with transactions", p => Sync(p, 2, () => GetBlock(p))),
            ["getrawtransaction"] = ("getrawtransaction TXID [VERBOSE=false]: a transaction of the mempool or the best chain", p => Sync(p, 2, () => GetRawTransaction(p))),
            ["getbalance"] = ("getbalance ADDRESS: the coins ADDRESS holds in the UTXO set", p => Sync(p, 1, () => GetBalance(p))),
            ["getmempoolinfo"] = ("getmempoolinfo: transactions, bytes and memory in the mempool, its budget and minimum fee rates", p => Sync(p, 0, GetMempoolInfo)),
            ["getrawmempool"] = ("getrawmempool [VERBOSE=false]: the mempool's transaction ids, best ancestor fee rate first (verbose: size, fee, rates, packages)", p => Sync(p, 1, () => GetRawMempool(p))),
            ["listalerts"] = ("listalerts: the live alerts this node holds (signed by the chain's alert keys), highest priority first", p => Sync(p, 0, ListAlerts)),
            ["sendrawtransaction"] = ("sendrawtransaction HEX: hands a transaction to the node, which validates and relays it", SendRawTransactionAsync),
            ["getpeerinfo"] = ("getpeerinfo: every connected peer: address, direction, height, ping, bytes, ban score", p => Sync(p, 0, GetPeerInfo)),
            ["getnetworkinfo"] = ("getnetworkinfo: version, listen address, connections", p => Sync(p, 0, GetNetworkInfo)),
            ["getconnectioncount"] = ("getconnectioncount: the number of peers with a finished handshake", p => Sync(p, 0, () => _node.ReadyPeers.Count())),
            ["listbanned"] = ("listbanned: the banned addresses, until when, and why", p => Sync(p, 0, ListBanned)),
            ["addnode"] = ("addnode HOST:PORT add|onetry: connect to a node now (add: and keep reconnecting to it)", p => Sync(p, 2, () => AddNode(p))),
            ["disconnectnode"] = ("disconnectnode ADDRESS: close the connection to a peer (its address or listen address)", p => Sync(p, 1, () => DisconnectNode(p))),
            ["setban"] = ("setban IP add|remove [SECONDS=86400]: ban an IP by hand (its peers are disconnected), or lift a ban", p => Sync(p, 3, () => SetBan(p))),
            ["getminingstats"] = ("getminingstats: whether this node mines, blocks it mined", p => Sync(p, 0, GetMiningStats)),
            ["getrecentblocks"] = ("getrecentblocks [COUNT=10]: the best chain's latest blocks (at most 100), newest first", p => Sync(p, 1, () => GetRecentBlocks(p))),
            ["getnodegraph"] = ("getnodegraph: this node, its peers, the addresses it knows and the banned ones (the page's picture)", p => Sync(p, 0, GetNodeGraph)),
            ["getrecentevents"] = ("getrecentevents [AFTER_ID=0]: the node's latest events (blocks, transactions, peers), oldest first", p => Sync(p, 1, () => GetRecentEvents(p))),
            ["waitforblockheight"] = ("waitforblockheight HEIGHT [TIMEOUT_MS=0]: waits until the best chain reaches HEIGHT (at most 10 minutes; 0 = that long), then the tip's hash and height", WaitForBlockHeightAsync),
            ["uptime"] = ("uptime: seconds since the node started", p => Sync(p, 0, () => (long)(_node.Time.GetUtcNow() - _startedAt).TotalSeconds)),
            ["stop"] = ("stop: shuts the node down cleanly", p => Sync(p, 0, Stop)),
            ["help"] = ("help [METHOD]: the methods, or one method's help", p => Sync(p, 1, () => Help(p))),
        };
    }

    public IEnumerable<string> Names => _table.Keys;

    public Task<JsonNode?> CallAsync(string method, JsonArray parameters) =>
        _table.TryGetValue(method, out var entry)
            ? entry.Call(parameters)
            : throw new RpcException(RpcErrorCode.MethodNotFound, $"method not found: {method} (see help)");

    private static Task<JsonNode?> Sync<T>(JsonArray parameters, int maxParameters, Func<T> call)
    {
        if (parameters.Count > maxParameters)
            throw new RpcException(RpcErrorCode.InvalidParams, $"at most {maxParameters} parameter(s)");
        return Task.FromResult(ToNode(call()));
    }

    private static JsonNode? ToNode<T>(T value) => value switch
    {
        null => null,
        JsonNode node => node,
        string text => JsonValue.Create(text),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        _ => throw new InvalidOperationException($"no JSON for {typeof(T).Name}"),
    };

    private JsonNode Help(JsonArray parameters)
    {
        if (parameters.Count == 0)
            return string.Join('\n', _table.Keys.Order(StringComparer.Ordinal).Select(name => _table[name].Help));
        var name = Text(parameters, 0, "method");
        return _table.TryGetValue(name, out var entry) ? entry.Help : throw new RpcException(RpcErrorCode.InvalidParameter, $"no method {name}");
    }

    private JsonNode? Stop()
    {
        _stop();
        return "blockchain_cs node stopping";
    }

    // Parameters, checked with Core's codes.

    private static string Text(JsonArray parameters, int index, string name) =>
        parameters.Count > index && parameters[index] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be a string");

    private static long Number(JsonArray parameters, int index, string name, long? fallback = null)
    {
        if (parameters.Count <= index || parameters[index] is null)
            return fallback ?? throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} is required");
        return parameters[index] is JsonValue value && value.TryGetValue<long>(out var number)
            ? number
            : throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be a whole number");
    }

    private static bool Flag(JsonArray parameters, int index, string name)
    {
        if (parameters.Count <= index || parameters[index] is null)
            return false;
        var value = parameters[index] as JsonValue;
        if (value is not null && value.TryGetValue<bool>(out var flag))
            return flag;
        if (value is not null && value.TryGetValue<long>(out var number))
            return number != 0;
        throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be true or false");
    }

    private static Hash256 HashParameter(JsonArray parameters, int index, string name) =>
        Hash256.TryParse(Text(parameters, index, name), out var hash)
            ? hash
            : throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be 64 hex digits");
}
