using System.Text.Json.Nodes;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Rpc;

/// <summary>Mempool methods: getmempoolinfo, getrawmempool, sendrawtransaction.</summary>
public sealed partial class RpcMethods
{
    private JsonNode GetMempoolInfo()
    {
        var mempool = _node.Mempool;
        var policy = mempool.Policy;
        return new JsonObject
        {
            ["loaded"] = true,
            ["size"] = mempool.Count,
            ["bytes"] = mempool.Bytes,
            ["usage"] = mempool.Usage,
            ["maxmempool"] = policy.MaxBytes,
            ["mempoolminfee"] = mempool.MinFee(_node.Time.GetUtcNow()).PerKb,
            ["minrelaytxfee"] = policy.MinRelayFee.PerKb,
            ["incrementalrelayfee"] = policy.IncrementalFee.PerKb,
            ["expiryhours"] = policy.Expiry.TotalHours,
            ["evicted"] = mempool.Evicted,
            ["expired"] = mempool.Expired,
            ["orphans"] = _node.Sync.State.OrphanTransactions,
        };
    }

    /// <summary>The pool, best ancestor fee rate first (the order a miner takes it in); verbose adds each entry's package.</summary>
    private JsonNode GetRawMempool(JsonArray parameters)
    {
        var entries = _node.Mempool.EntriesByFeeRate();
        if (!Flag(parameters, 0, "verbose"))
            return new JsonArray([.. entries.Select(e => JsonValue.Create(e.Transaction.Id.ToString()))]);
        var verbose = new JsonObject();
        foreach (var entry in entries)
        {
            verbose[entry.Transaction.Id.ToString()] = new JsonObject
            {
                ["size"] = entry.Size,
                ["fee"] = entry.Fee,
                ["feerate"] = FeeRate.Exact(entry.Fee, entry.Size),
                ["time"] = entry.Added.ToUnixTimeSeconds(),
                ["ancestorcount"] = entry.AncestorCount,
                ["ancestorsize"] = entry.AncestorSize,
                ["ancestorfees"] = entry.AncestorFees,
                ["ancestorfeerate"] = FeeRate.Exact(entry.AncestorFees, entry.AncestorSize),
                ["descendantcount"] = entry.DescendantCount,
                ["descendantsize"] = entry.DescendantSize,
                ["descendantfees"] = entry.DescendantFees,
                ["depends"] = new JsonArray([.. entry.Transaction.Inputs.Select(i => i.PrevOut.TxId).Distinct()
                    .Where(_node.Mempool.Contains).Select(id => JsonValue.Create(id.ToString()))]),
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
