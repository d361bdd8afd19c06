using System.Text.Json.Nodes;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Rpc;

/// <summary>Mempool methods: getmempoolinfo, getrawmempool, sendrawtransaction.</summary>
public sealed partial class RpcMethods
{
    private JsonNode GetMempoolInfo() => new JsonObject
    {
        ["loaded"] = true,
        ["size"] = _node.Mempool.Count,
        ["bytes"] = _node.Mempool.Bytes,
        ["maxmempool"] = _node.Config.MempoolBytes,
        ["maxtransactions"] = _node.Config.MempoolCapacity,
        ["orphans"] = _node.Sync.State.OrphanTransactions,
    };

    private JsonNode GetRawMempool(JsonArray parameters)
    {
        var entries = _node.Mempool.Entries();
        if (!Flag(parameters, 0, "verbose"))
            return new JsonArray([.. entries.Select(e => JsonValue.Create(e.Transaction.Id.ToString()))]);
        var verbose = new JsonObject();
        foreach (var entry in entries)
        {
            verbose[entry.Transaction.Id.ToString()] = new JsonObject
            {
                ["size"] = entry.Size,
                ["fee"] = entry.Fee,
                ["time"] = entry.Added.ToUnixTimeSeconds(),
            };
        }

        return verbose;
    }

    private async Task<JsonNode?> SendRawTransactionAsync(JsonArray parameters)
    {
        if (parameters.Count != 1)
            throw new RpcException(RpcErrorCode.InvalidParams, "sendrawtransaction takes one parameter: the transaction's hex");
        Transaction tx;
        try
        {
            tx = Transaction.FromBytes(Convert.FromHexString(Text(parameters, 0, "hexstring")));
        }
        catch (Exception e) when (e is FormatException or DecodeException)
        {
            throw new RpcException(RpcErrorCode.DeserializationError, $"TX decode failed: {e.Message}");
        }

        var outcome = await _node.SubmitTransactionAsync(tx);
        if (outcome.Error is { } error)
            throw new RpcException(RpcErrorCode.Rejected, $"{error.Code}: {error.Message}");
        if (outcome.Refusal is { } refusal)
            throw new RpcException(RpcErrorCode.Rejected, refusal);
        if (outcome.IsOrphan)
            throw new RpcException(RpcErrorCode.Rejected, "missing inputs: kept as an orphan until its parent arrives");
        return tx.Id.ToString();
    }
}
