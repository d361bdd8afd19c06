using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Transactions: validate, keep orphans until their parents come, relay what was accepted, and tell the sender why
/// not. A broken rule no honest relay could miss is misbehaviour; a race (double spend, a spent input) and a policy
/// refusal (a full pool) are not.
/// </summary>
public sealed partial class SyncManager
{
    private TxOutcome ProcessTransaction(Transaction tx, Peer? source)
    {
        source?.Known.Add(tx.Id);
        if (_mempool.Contains(tx.Id) || _orphanTransactions.Contains(tx.Id))
            return TxOutcome.Duplicate;
        if (Rejects.Contains(tx))
            return Refuse(tx, source, "refused lately", RejectCode.Duplicate);
        try
        {
            _mempool.TryAdd(tx, _config.Time.GetUtcNow());
        }
        catch (RuleException e) when (e.Code == RuleErrorCode.MissingInput && IsOrphan(tx))
        {
            _orphanTransactions.Add(tx, source);
            _log.LogInformation("Transaction {TxId} is an orphan (unknown inputs); kept until its parent arrives", tx.Id);
            if (source is not null)
                RequestParents(source, tx);
            return TxOutcome.Orphan;
        }
        catch (RuleException e)
        {
            Reject(tx, source, e);
            return TxOutcome.Rejected(e);
        }
        catch (PolicyException e)
        {
            return Refuse(tx, source, e.Message, e.Code);
        }

        var accepted = new List<Transaction> { tx };
        // Orphans that spent this transaction's outputs may now be valid.
        for (var i = 0; i < accepted.Count; i++)
            foreach (var child in _orphanTransactions.TakeChildren(accepted[i].Id))
                if (TryAddFreed(child))
                    accepted.Add(child);

        source?.Stats.NoteTransaction(_config.Time.GetUtcNow());
        Relay(accepted, source);
        return new TxOutcome(accepted, false, false, null);
    }

    /// <summary>MissingInput because a parent is unknown, not because an input was spent already (a double spend).</summary>
    private bool IsOrphan(Transaction tx) =>
        !tx.Inputs.Any(i => _chain.Utxo.Get(i.PrevOut) is null && _chain.HasTransaction(i.PrevOut.TxId))
        && tx.Inputs.Any(i => !_mempool.Contains(i.PrevOut.TxId) && _chain.Utxo.Get(i.PrevOut) is null);

    /// <summary>Asks the sender of an orphan for the parents it presumably has (it would not relay what it could not validate).</summary>
    private void RequestParents(Peer peer, Transaction tx)
    {
        var parents = tx.Inputs.Select(i => i.PrevOut.TxId).Distinct()
            .Where(id => !_mempool.Contains(id) && !_orphanTransactions.Contains(id) && !Rejects.Contains(id))
            .Select(id => new InventoryVector(InventoryType.Tx, id)).ToList();
        if (parents.Count > 0)
            peer.Send(new GetDataPayload(parents));
    }

    private void Reject(Transaction tx, Peer? source, RuleException error)
    {
        Rejects.Add(tx, error.Code);
        _log.LogInformation("Rejected transaction {TxId}: {Code} {Reason}", tx.Id, error.Code, error.Message);
        if (source is null)
            return;
        source.Send(new RejectPayload(Commands.Tx, error.Code == RuleErrorCode.DoubleSpend ? RejectCode.Duplicate : RejectCode.Invalid,
            SafeText.Sanitize($"{error.Code}: {error.Message}", 200), tx.Id));
        if (IsMisbehaviour(error.Code))
            _discipline.Punish(source, Offence.InvalidTransaction, $"transaction {tx.Id}: {error.Code}");
    }

    private TxOutcome Refuse(Transaction tx, Peer? source, string reason, RejectCode code)
    {
        _log.LogInformation("Refused transaction {TxId}: {Reason}", tx.Id, reason);
        source?.Send(new RejectPayload(Commands.Tx, code, SafeText.Sanitize(reason, 200), tx.Id));
        return TxOutcome.Refused(reason);
    }

    /// <summary>Consensus failures an honest relay cannot produce: forged or broken transactions, not races.</summary>
    private static bool IsMisbehaviour(RuleErrorCode code) => code is RuleErrorCode.BadSignature or RuleErrorCode.WrongOwner
        or RuleErrorCode.NonPositiveValue or RuleErrorCode.ValueOverflow or RuleErrorCode.NoInputs or RuleErrorCode.NoOutputs
        or RuleErrorCode.CoinbaseNotAllowed or RuleErrorCode.TransactionTooLarge or RuleErrorCode.Overspend;

    private bool TryAddFreed(Transaction orphan)
    {
        try
        {
            return _mempool.TryAdd(orphan, _config.Time.GetUtcNow());
        }
        catch (Exception e) when (e is RuleException or PolicyException)
        {
            _log.LogInformation("Dropped orphan transaction {TxId}: {Reason}", orphan.Id, e.Message);
            return false;
        }
    }

    /// <summary>Orphan transactions whose parent was confirmed in a block (never seen loose) may be valid now.</summary>
    private void ReexamineOrphanTransactions(List<Block> connected)
    {
        if (_orphanTransactions.Count == 0)
            return;
        var freed = new List<Transaction>();
        foreach (var tx in connected.SelectMany(b => b.Transactions))
            foreach (var child in _orphanTransactions.TakeChildren(tx.Id))
                if (TryAddFreed(child))
                    freed.Add(child);
        if (freed.Count > 0)
            Relay(freed, null);
    }

    private void Relay(List<Transaction> accepted, Peer? source)
    {
        // One line per transaction, the freed orphans too (scripts/network.sh measures relay from these lines).
        foreach (var tx in accepted)
            _log.LogInformation("Accepted transaction {TxId} into the mempool ({Count} pending)", tx.Id, _mempool.Count);
        Recent.Add(accepted);
        _announcer.Announce([.. accepted.Select(t => new InventoryVector(InventoryType.Tx, t.Id))], source);
        TransactionsAccepted?.Invoke(accepted);
        MempoolChanged?.Invoke();
    }
}
