using System.Text.Json.Nodes;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Rpc;

/// <summary>Chain methods: getblockchaininfo, getbestblockhash, getblockcount, getblockhash, getblock, getrawtransaction, getbalance, getrecentblocks.</summary>
public sealed partial class RpcMethods
{
    private const int MaxRecentBlocks = 100;

    private JsonNode GetBlockchainInfo()
    {
        var tip = _node.Chain.Tip;
        var best = Math.Max(tip.Height, _node.ReadyPeers.Select(p => p.Stats.BestHeight).DefaultIfEmpty(0).Max());
        var state = _node.Sync.State;
        return new JsonObject
        {
            ["chain"] = "main",
            ["blocks"] = tip.Height,
            ["headers"] = best,
            ["bestblockhash"] = tip.Hash.ToString(),
            ["targetbits"] = _node.Chain.Parameters.TargetBits,
            ["chainwork"] = tip.ChainWork.ToString("x64"),
            ["verificationprogress"] = best == 0 ? 1.0 : Math.Round((double)tip.Height / best, 6),
            ["initialblockdownload"] = best - tip.Height > SyncManager.TellEachBlockWithin,
            ["storagepaused"] = _node.Sync.IsStoragePaused,
            ["orphanblocks"] = state.OrphanBlocks,
            ["blocksinflight"] = state.BlocksInFlight,
        };
    }

    private string GetBlockHash(JsonArray parameters)
    {
        var height = Number(parameters, 0, "height");
        return height >= 0 && height <= int.MaxValue && _node.Chain.GetHashAtHeight((int)height) is { } hash
            ? hash.ToString()
            : throw new RpcException(RpcErrorCode.InvalidParameter, $"block height {height} out of range (0..{_node.Chain.Tip.Height})");
    }

    private JsonNode GetBlock(JsonArray parameters)
    {
        var hash = HashParameter(parameters, 0, "blockhash");
        var verbosity = Number(parameters, 1, "verbosity", 1);
        var block = _node.Chain.GetBlock(hash) ?? throw new RpcException(RpcErrorCode.NotFound, "Block not found");
        if (verbosity == 0)
            return Convert.ToHexStringLower(block.ToBytes());
        if (verbosity is not (1 or 2))
            throw new RpcException(RpcErrorCode.InvalidParameter, "verbosity must be 0, 1 or 2");
        var tip = _node.Chain.Tip;
        var onBest = _node.Chain.IsOnBestChain(hash);
        var next = onBest ? _node.Chain.GetHashAtHeight(block.Height + 1) : null;
        var transactions = new JsonArray();
        foreach (var tx in block.Transactions)
            transactions.Add(verbosity == 1 ? JsonValue.Create(tx.Id.ToString()) : Describe(tx));
        return new JsonObject
        {
            ["hash"] = hash.ToString(),
            ["confirmations"] = onBest ? tip.Height - block.Height + 1 : -1,
            ["height"] = block.Height,
            ["merkleroot"] = block.MerkleRoot.ToString(),
            ["time"] = block.Timestamp,
            ["targetbits"] = block.TargetBits,
            ["nonce"] = block.Nonce,
            ["previousblockhash"] = block.PrevHash.IsZero ? null : block.PrevHash.ToString(),
            ["nextblockhash"] = next?.ToString(),
            ["nTx"] = block.Transactions.Count,
            ["size"] = block.ToBytes().Length,
            ["tx"] = transactions,
        };
    }

    private JsonNode GetRecentBlocks(JsonArray parameters)
    {
        var count = Number(parameters, 0, "count", 10);
        if (count is < 1 or > MaxRecentBlocks)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"count must be from 1 to {MaxRecentBlocks}");
        var blocks = new JsonArray();
        for (var height = _node.Chain.Tip.Height; height >= 0 && blocks.Count < count; height--)
        {
            if (_node.Chain.GetHashAtHeight(height) is not { } hash || _node.Chain.GetBlock(hash) is not { } block)
                break; // the tip moved under us: what we have is enough
            var coinbase = block.Transactions[0];
            blocks.Add((JsonNode)new JsonObject
            {
                ["height"] = block.Height,
                ["hash"] = hash.ToString(),
                ["time"] = block.Timestamp,
                ["nTx"] = block.Transactions.Count,
                ["size"] = block.ToBytes().Length,
                ["miner"] = coinbase.Outputs.Count > 0 ? Address.FromPubKeyHash(coinbase.Outputs[0].PubKeyHash) : null,
                ["reward"] = coinbase.Outputs.Sum(o => o.Value),
            });
        }

        return blocks;
    }

    private JsonNode GetRawTransaction(JsonArray parameters)
    {
        var txId = HashParameter(parameters, 0, "txid");
        var verbose = Flag(parameters, 1, "verbose");
        Transaction tx;
        Block? block = null;
        if (_node.Mempool.Get(txId) is { } pending)
            tx = pending;
        else if (_node.Chain.FindTransaction(txId) is { } found)
            (tx, block) = found;
        else
            throw new RpcException(RpcErrorCode.NotFound, "No such mempool or blockchain transaction");
        if (!verbose)
            return Convert.ToHexStringLower(tx.ToBytes());
        var description = Describe(tx);
        if (block is not null)
        {
            description["blockhash"] = block.Hash.ToString();
            description["confirmations"] = _node.Chain.Tip.Height - block.Height + 1;
            description["time"] = block.Timestamp;
        }

        return description;
    }

    private long GetBalance(JsonArray parameters)
    {
        var address = Text(parameters, 0, "address");
        return Address.TryDecode(address, out var pubKeyHash)
            ? _node.Chain.Utxo.GetBalance(pubKeyHash)
            : throw new RpcException(RpcErrorCode.NotFound, $"Invalid address: {address}");
    }

    /// <summary>A transaction as Core's decoderawtransaction shows one, in our terms (public-key hashes, no scripts).</summary>
    private static JsonObject Describe(Transaction tx)
    {
        var inputs = new JsonArray();
        foreach (var input in tx.Inputs)
        {
            inputs.Add((JsonNode)(tx.IsCoinbase
                ? new JsonObject { ["coinbase"] = Convert.ToHexStringLower(input.PubKey) }
                : new JsonObject
                {
                    ["txid"] = input.PrevOut.TxId.ToString(),
                    ["vout"] = input.PrevOut.Index,
                    ["pubkey"] = Convert.ToHexStringLower(input.PubKey),
                    ["address"] = Address.FromPubKeyHash(Hashes.Hash160(input.PubKey)),
                    ["signature"] = Convert.ToHexStringLower(input.Signature),
                }));
        }

        var outputs = new JsonArray();
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            outputs.Add((JsonNode)new JsonObject
            {
                ["value"] = tx.Outputs[i].Value,
                ["n"] = i,
                ["pubkeyhash"] = Convert.ToHexStringLower(tx.Outputs[i].PubKeyHash),
                ["address"] = Address.FromPubKeyHash(tx.Outputs[i].PubKeyHash),
            });
        }

        return new JsonObject
        {
            ["txid"] = tx.Id.ToString(),
            ["size"] = tx.Size,
            ["coinbase"] = tx.IsCoinbase,
            ["vin"] = inputs,
            ["vout"] = outputs,
        };
    }
}
