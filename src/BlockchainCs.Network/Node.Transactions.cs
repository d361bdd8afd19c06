using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>Transactions: validate through the single writer, relay what was accepted, reject the rest with a reason.</summary>
public sealed partial class Node
{
    private const int RecentRejectsCapacity = 10_000;
    private readonly HashSet<Hash256> _recentRejects = [];

    /// <summary>
    /// Transactions this node accepted lately stay available to getdata after a block took them out of the mempool
    /// (Bitcoin Core's relay map): a peer that saw our inv, or a `send` client confirming its transaction, may ask
    /// just after a miner confirmed it.
    /// </summary>
    private const int RecentlyAcceptedCapacity = 5_000;

    private readonly Dictionary<Hash256, Transaction> _recentlyAccepted = [];
    private readonly Queue<Hash256> _recentlyAcceptedOrder = new();

    private void RememberAccepted(IEnumerable<Transaction> transactions)
    {
        lock (_recentlyAccepted)
        {
            foreach (var tx in transactions)
            {
                if (!_recentlyAccepted.TryAdd(tx.Id, tx))
                    continue;
                _recentlyAcceptedOrder.Enqueue(tx.Id);
                if (_recentlyAcceptedOrder.Count > RecentlyAcceptedCapacity)
                    _recentlyAccepted.Remove(_recentlyAcceptedOrder.Dequeue());
            }
        }
    }

    private Transaction? RecentlyAccepted(Hash256 txId)
    {
        lock (_recentlyAccepted)
            return _recentlyAccepted.GetValueOrDefault(txId);
    }

    private bool IsRecentlyRejected(Hash256 txId)
    {
        lock (_recentRejects)
            return _recentRejects.Contains(txId);
    }

    private async Task HandleTransactionAsync(Peer peer, Transaction tx)
    {
        peer.AddKnownInventory(tx.Id);
        var outcome = await Sync.SubmitTransactionAsync(tx);
        if (outcome.Error is { } error)
        {
            lock (_recentRejects)
            {
                if (_recentRejects.Count >= RecentRejectsCapacity)
                    _recentRejects.Clear();
                _recentRejects.Add(tx.Id);
            }

            peer.Send(new RejectPayload(Commands.Tx, error.Code == RuleErrorCode.DoubleSpend ? RejectCode.Duplicate : RejectCode.Invalid,
                Truncate($"{error.Code}: {error.Message}"), tx.Id));
            // A race (double spend, spent input) can happen to honest peers; a forged or broken transaction cannot.
            if (error.Code is RuleErrorCode.BadSignature or RuleErrorCode.WrongOwner or RuleErrorCode.NonPositiveValue
                or RuleErrorCode.ValueOverflow or RuleErrorCode.NoInputs or RuleErrorCode.NoOutputs or RuleErrorCode.CoinbaseNotAllowed
                or RuleErrorCode.TransactionTooLarge or RuleErrorCode.Overspend)
                Punish(peer, $"sent invalid transaction {tx.Id}: {error.Code}");
            return;
        }

        if (outcome.IsOrphan)
        {
            // Ask the sender for the parents it presumably has (it would not relay a transaction it could not validate).
            var parents = tx.Inputs.Select(i => i.PrevOut.TxId).Distinct()
                .Where(id => !Mempool.Contains(id) && !Sync.HasOrphanTransaction(id) && !IsRecentlyRejected(id))
                .Select(id => new InventoryVector(InventoryType.Tx, id)).ToList();
            if (parents.Count > 0)
                peer.Send(new GetDataPayload(parents));
            return;
        }

        if (outcome.Accepted.Count > 0)
        {
            // One line per transaction, the freed orphans too (scripts/network.sh measures relay from these lines).
            foreach (var accepted in outcome.Accepted)
                _log.LogInformation("Accepted transaction {TxId} into the mempool ({Count} pending)", accepted.Id, Mempool.Count);
            RelayTransactions(outcome.Accepted, peer);
        }
    }

    /// <summary>Accepts a transaction created on this node (tests, tools) as if a peer had sent it.</summary>
    public async Task<TxOutcome> SubmitTransactionAsync(Transaction tx)
    {
        var outcome = await Sync.SubmitTransactionAsync(tx);
        if (outcome.Accepted.Count > 0)
            RelayTransactions(outcome.Accepted, null);
        return outcome;
    }

    private void RelayTransactions(IReadOnlyList<Transaction> transactions, Peer? source)
    {
        RememberAccepted(transactions);
        Announce([.. transactions.Select(t => new InventoryVector(InventoryType.Tx, t.Id))], source);
    }

    private void AnnounceMempool(Peer peer)
    {
        var ids = Mempool.Ids();
        foreach (var chunk in ids.Chunk(50_000))
            peer.Send(new InvPayload([.. chunk.Select(id => new InventoryVector(InventoryType.Tx, id))]));
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];
}
