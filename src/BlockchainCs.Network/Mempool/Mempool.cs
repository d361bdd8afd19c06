using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// Mempool holds validated, unconfirmed transactions (the tutorial's mempool map, with its TODO "verify" done), the way
/// chapter 6's transaction pool works: each entry knows its unconfirmed ancestors and descendants, so a child can pay
/// for its parent (miners rank packages by ancestor fee rate); the pool is bounded in estimated memory and evicts the
/// lowest descendant fee rate first, raising a minimum fee rate that decays back once blocks come; entries expire after
/// <see cref="MempoolPolicy.Expiry"/>. It refuses a double spend, follows the chain (what a block confirms or conflicts
/// with leaves, what a reorganisation disconnects comes back when still valid). Written only from the node's single
/// writer, locked so readers (the miner, getdata, RPC) on other threads see it whole.
/// </summary>
public sealed class Mempool
{
    private readonly object _gate = new();
    private readonly Blockchain _chain;
    private readonly Dictionary<Hash256, MempoolEntry> _entries = [];
    private readonly Dictionary<OutPoint, Hash256> _spentBy = [];
    private readonly SortedSet<MempoolEntry> _byDescendantScore = new(Comparer<MempoolEntry>.Create(CompareDescendantScore));
    private readonly SortedSet<MempoolEntry> _byTime = new(Comparer<MempoolEntry>.Create(CompareTime));
    private long _bytes;
    private long _usage;
    private long _sequence;
    private double _rollingMinFee;
    private DateTimeOffset _lastRollingUpdate;
    private bool _blockSinceBump;

    public Mempool(Blockchain chain, MempoolPolicy? policy = null)
    {
        _chain = chain;
        Policy = policy ?? new MempoolPolicy();
    }

    public MempoolPolicy Policy { get; }

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    /// <summary>Serialized bytes of the transactions held.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
                return _bytes;
        }
    }

    /// <summary>Estimated memory held, the figure <see cref="MempoolPolicy.MaxBytes"/> bounds.</summary>
    public long Usage
    {
        get
        {
            lock (_gate)
                return _usage;
        }
    }

    /// <summary>Transactions evicted to make room, and expired, since the start.</summary>
    public long Evicted { get; private set; }

    public long Expired { get; private set; }

    public bool Contains(Hash256 txId)
    {
        lock (_gate)
            return _entries.ContainsKey(txId);
    }

    public Transaction? Get(Hash256 txId)
    {
        lock (_gate)
            return _entries.TryGetValue(txId, out var entry) ? entry.Transaction : null;
    }

    public MempoolEntry? GetEntry(Hash256 txId)
    {
        lock (_gate)
            return _entries.GetValueOrDefault(txId);
    }

    public List<Hash256> Ids()
    {
        lock (_gate)
            return [.. _entries.Keys];
    }

    /// <summary>Every entry, oldest first (saving the pool, rebroadcasting what waits too long).</summary>
    public List<MempoolEntry> Entries()
    {
        lock (_gate)
            return [.. _byTime];
    }

    /// <summary>Every entry, the best ancestor fee rate first: the order a miner would consider them in.</summary>
    public List<MempoolEntry> EntriesByFeeRate()
    {
        lock (_gate)
            return [.. _entries.Values.OrderByDescending(e => e, Comparer<MempoolEntry>.Create(CompareAncestorScore))];
    }

    /// <summary>True when an unconfirmed transaction already spends <paramref name="outPoint"/>.</summary>
    public bool IsSpent(OutPoint outPoint)
    {
        lock (_gate)
            return _spentBy.ContainsKey(outPoint);
    }

    /// <summary>
    /// The lowest fee rate a new transaction must pay now: the floor (<see cref="MempoolPolicy.MinRelayFee"/>) or the
    /// rolling minimum raised by evictions, whichever is higher (what this node tells its peers in feefilter).
    /// </summary>
    public FeeRate MinFee(DateTimeOffset now)
    {
        lock (_gate)
        {
            var rolling = RollingMinFee(now);
            return rolling > Policy.MinRelayFee ? rolling : Policy.MinRelayFee;
        }
    }

    /// <summary>
    /// Validates and adds a transaction. Throws <see cref="RuleException"/> (MissingInput when a parent is unknown,
    /// DoubleSpend on a conflict, …) when it breaks a rule, and <see cref="PolicyException"/> when it is valid but this
    /// node's policy refuses it (fee below the floor or the pool's minimum, chain too long, no room); returns false
    /// when it is already here.
    /// </summary>
    public bool TryAdd(Transaction tx, DateTimeOffset now) => TryAdd(tx, now, fromDisconnectedBlock: false);

    /// <summary>
    /// <paramref name="fromDisconnectedBlock"/>: a transaction a reorganisation took out of the chain comes back whatever
    /// the pool's fee floors, as in Bitcoin Core (it was mined once; dropping it for a fee would lose a payment), and the
    /// caller trims the pool to its budget once all are back.
    /// </summary>
    private bool TryAdd(Transaction tx, DateTimeOffset now, bool fromDisconnectedBlock)
    {
        lock (_gate)
        {
            if (_entries.ContainsKey(tx.Id))
                return false;
            if (tx.IsCoinbase)
                throw new RuleException(RuleErrorCode.CoinbaseNotAllowed, $"coinbase {tx.Id} cannot be relayed loose");
            foreach (var input in tx.Inputs)
                if (_spentBy.TryGetValue(input.PrevOut, out var other))
                    throw new RuleException(RuleErrorCode.DoubleSpend, $"transaction {tx.Id} spends {input.PrevOut}, already spent by unconfirmed {other}");
            Expire(now);

            var size = tx.Size;
            HashSet<MempoolEntry> parents = [];
            HashSet<MempoolEntry> ancestors = [];
            // Policy before signatures: a refused transaction costs no signature check.
            var fee = _chain.CheckTransaction(tx, PendingOutput, fee =>
            {
                if (!fromDisconnectedBlock)
                    CheckFee(fee, size, now);
                foreach (var input in tx.Inputs)
                    if (_entries.TryGetValue(input.PrevOut.TxId, out var parent))
                        parents.Add(parent);
                ancestors = Ancestors(parents);
                CheckPackageLimits(ancestors, size);
            });

            var entry = new MempoolEntry(tx, fee, now, size, ++_sequence);
            _entries[tx.Id] = entry;
            _byTime.Add(entry);
            _bytes += size;
            _usage += entry.Usage;
            foreach (var input in tx.Inputs)
                _spentBy[input.PrevOut] = tx.Id;
            foreach (var parent in parents)
            {
                entry.Parents.Add(parent);
                parent.Children.Add(entry);
            }

            entry.AncestorCount += ancestors.Count;
            foreach (var ancestor in ancestors)
            {
                entry.AncestorSize += ancestor.Size;
                entry.AncestorFees += ancestor.Fee;
                ChangeDescendants(ancestor, 1, size, fee);
            }

            _byDescendantScore.Add(entry);
            if (fromDisconnectedBlock)
                return true;
            TrimToSize();
            if (!_entries.ContainsKey(tx.Id))
                throw new PolicyException($"the mempool is full: {FeeRate.Describe(fee, size)} is the lowest rate in it ({_entries.Count} transactions, {_usage / 1_000_000.0:0.#} MB)");
            return true;
        }
    }

    private void CheckFee(long fee, int size, DateTimeOffset now)
    {
        if (!Policy.MinRelayFee.IsMetBy(fee, size))
            throw new PolicyException($"min relay fee not met: fee {fee} for {size} bytes is {FeeRate.Describe(fee, size)}, below this node's floor of {Policy.MinRelayFee}");
        var minimum = RollingMinFee(now);
        if (!minimum.IsMetBy(fee, size))
            throw new PolicyException($"mempool min fee not met: fee {fee} for {size} bytes is {FeeRate.Describe(fee, size)}, below {minimum} (the pool was full)");
    }

    private void CheckPackageLimits(HashSet<MempoolEntry> ancestors, int size)
    {
        if (ancestors.Count + 1 > Policy.MaxAncestors || ancestors.Sum(a => a.Size) + size > Policy.MaxAncestorBytes)
        {
            throw new PolicyException($"too long a chain of unconfirmed transactions: {ancestors.Count} unconfirmed ancestors (at most {Policy.MaxAncestors - 1}, "
                + $"{Policy.MaxAncestorBytes:N0} bytes with them)", RejectCode.Nonstandard);
        }

        foreach (var ancestor in ancestors)
        {
            if (ancestor.DescendantCount + 1 > Policy.MaxDescendants || ancestor.DescendantSize + size > Policy.MaxDescendantBytes)
                throw new PolicyException($"unconfirmed {ancestor.Transaction.Id} already has {ancestor.DescendantCount - 1} descendants (at most {Policy.MaxDescendants - 1})", RejectCode.Nonstandard);
        }
    }

    /// <summary>An output created by an unconfirmed transaction (lets one unconfirmed transaction spend another's change).</summary>
    private TxOutput? PendingOutput(OutPoint outPoint) =>
        _entries.TryGetValue(outPoint.TxId, out var parent) && outPoint.Index < parent.Transaction.Outputs.Count
            ? parent.Transaction.Outputs[(int)outPoint.Index]
            : null;

    /// <summary>
    /// Transactions for a block of at most <paramref name="maxBytes"/> bytes of transactions, and their total fee: the
    /// highest ancestor fee rate first, each with the ancestors not taken yet, parents before children (Bitcoin's
    /// BlockAssembler). A package's rate is recomputed when some of its ancestors were taken by another package.
    /// </summary>
    public (List<Transaction> Transactions, long Fees) SelectForBlock(long maxBytes = long.MaxValue)
    {
        lock (_gate)
        {
            var chosen = new List<Transaction>();
            var taken = new HashSet<MempoolEntry>();
            var generation = new Dictionary<MempoolEntry, int>();
            var queue = new PriorityQueue<(MempoolEntry Entry, int Generation), (long Fee, long Size, long Sequence)>(
                Comparer<(long Fee, long Size, long Sequence)>.Create((a, b) =>
                {
                    var byRate = FeeRate.Compare(b.Fee, b.Size, a.Fee, a.Size);
                    return byRate != 0 ? byRate : a.Sequence.CompareTo(b.Sequence);
                }));
            foreach (var entry in _entries.Values)
                queue.Enqueue((entry, 0), (entry.AncestorFees, entry.AncestorSize, entry.Sequence));

            long bytes = 0;
            long fees = 0;
            var failures = 0;
            while (queue.TryDequeue(out var item, out _))
            {
                if (taken.Contains(item.Entry) || generation.GetValueOrDefault(item.Entry) != item.Generation)
                    continue;
                var package = Ancestors(item.Entry.Parents, taken);
                package.Add(item.Entry);
                var packageSize = package.Sum(e => (long)e.Size);
                if (bytes + packageSize > maxBytes)
                {
                    // Smaller packages may still fit; give up once the block is nearly full and nothing fits.
                    if (++failures > 1_000 && bytes > maxBytes - 4_000)
                        break;
                    continue;
                }

                foreach (var member in package.OrderBy(e => e.AncestorCount).ThenBy(e => e.Sequence))
                {
                    chosen.Add(member.Transaction);
                    taken.Add(member);
                    fees += member.Fee;
                }

                bytes += packageSize;
                // Their descendants now pay for fewer ancestors: queue them again at their new rate.
                foreach (var descendant in Descendants(package, taken))
                {
                    var remaining = Ancestors(descendant.Parents, taken);
                    var next = generation[descendant] = generation.GetValueOrDefault(descendant) + 1;
                    queue.Enqueue((descendant, next), (descendant.Fee + remaining.Sum(e => e.Fee), descendant.Size + remaining.Sum(e => (long)e.Size), descendant.Sequence));
                }
            }

            return (chosen, fees);
        }
    }

    /// <summary>
    /// Follows a change of the best chain: drops what is confirmed or conflicting, takes back what was disconnected.
    /// Returns the transactions taken back, for the caller to announce (the winning side's miners never heard of them).
    /// </summary>
    public IReadOnlyList<Transaction> OnChainChanged(BlockAddResult result, DateTimeOffset now)
    {
        var returned = new List<Transaction>();
        lock (_gate)
        {
            // The raised minimum starts decaying from the first block after the bump (Bitcoin's removeForBlock).
            _blockSinceBump = true;
            _lastRollingUpdate = now;
            foreach (var block in result.Connected)
            {
                foreach (var tx in block.Transactions)
                {
                    if (_entries.TryGetValue(tx.Id, out var confirmed))
                        RemoveEntry(confirmed);
                    if (tx.IsCoinbase)
                        continue;
                    foreach (var input in tx.Inputs)
                        if (_spentBy.TryGetValue(input.PrevOut, out var conflicting))
                            RemoveWithDescendants(_entries[conflicting]);
                }
            }

            Expire(now);
            if (result.Disconnected.Count == 0)
                return returned;

            // Transactions of disconnected blocks that are still valid on the new chain come back (oldest block first).
            for (var b = result.Disconnected.Count - 1; b >= 0; b--)
            {
                foreach (var tx in result.Disconnected[b].Transactions.Skip(1))
                {
                    try
                    {
                        TryAdd(tx, now, fromDisconnectedBlock: true);
                        returned.Add(tx);
                    }
                    catch (Exception e) when (e is RuleException or PolicyException)
                    {
                        // Spent or invalidated by the new chain (or refused by policy): gone for good.
                    }
                }
            }

            // Entries whose inputs the new chain no longer provides are dropped (only a disconnect can take inputs away).
            foreach (var id in _entries.Keys.ToList())
            {
                if (!_entries.TryGetValue(id, out var entry))
                    continue;
                try
                {
                    _chain.CheckTransaction(entry.Transaction, PendingOutput);
                }
                catch (RuleException)
                {
                    RemoveWithDescendants(entry);
                }
            }

            // A transaction that came back may be the parent of one already here: link them and recount every package, then
            // evict down to the budget (what came back competes on its fee rate like everything else).
            RebuildPackages();
            TrimToSize();
            return [.. returned.Where(tx => _entries.ContainsKey(tx.Id))];
        }
    }

    /// <summary>Removes what waited longer than the expiry, with its descendants; returns how many left.</summary>
    public int Expire(DateTimeOffset now)
    {
        lock (_gate)
        {
            var cutoff = now - Policy.Expiry;
            var removed = 0;
            while (_byTime.Count > 0 && _byTime.Min!.Added < cutoff)
                removed += RemoveWithDescendants(_byTime.Min!);
            Expired += removed;
            return removed;
        }
    }

    /// <summary>Evicts the lowest descendant fee rate (with its descendants) until the pool fits, raising the minimum fee.</summary>
    private void TrimToSize()
    {
        while (_usage > Policy.MaxBytes && _byDescendantScore.Count > 0)
        {
            var worst = _byDescendantScore.Min!;
            var removedRate = FeeRate.Of(worst.DescendantFees, worst.DescendantSize).PerKb + Policy.IncrementalFee.PerKb;
            if (removedRate > _rollingMinFee)
            {
                _rollingMinFee = removedRate;
                _blockSinceBump = false;
            }

            Evicted += RemoveWithDescendants(worst);
        }
    }

    /// <summary>Bitcoin's GetMinFee: the raised minimum halves every half-life once a block came, faster when the pool is emptier.</summary>
    private FeeRate RollingMinFee(DateTimeOffset now)
    {
        if (!_blockSinceBump || _rollingMinFee == 0)
            return new FeeRate((long)Math.Round(_rollingMinFee));
        if (now > _lastRollingUpdate + TimeSpan.FromSeconds(10))
        {
            var halfLife = Policy.RollingFeeHalfLife;
            if (_usage < Policy.MaxBytes / 4)
                halfLife /= 4;
            else if (_usage < Policy.MaxBytes / 2)
                halfLife /= 2;
            _rollingMinFee /= Math.Pow(2, (now - _lastRollingUpdate) / halfLife);
            _lastRollingUpdate = now;
            if (_rollingMinFee < Policy.IncrementalFee.PerKb / 2.0)
            {
                _rollingMinFee = 0;
                return FeeRate.Zero;
            }
        }

        var rolling = new FeeRate((long)Math.Round(_rollingMinFee));
        return rolling > Policy.IncrementalFee ? rolling : Policy.IncrementalFee;
    }

    private int RemoveWithDescendants(MempoolEntry entry)
    {
        var doomed = Descendants([entry], []);
        doomed.Add(entry);
        foreach (var member in doomed)
            RemoveEntry(member);
        return doomed.Count;
    }

    /// <summary>Removes one entry; its ancestors and descendants stop counting it in their packages.</summary>
    private void RemoveEntry(MempoolEntry entry)
    {
        if (!_entries.Remove(entry.Transaction.Id))
            return;
        _byDescendantScore.Remove(entry);
        _byTime.Remove(entry);
        _bytes -= entry.Size;
        _usage -= entry.Usage;
        foreach (var input in entry.Transaction.Inputs)
            if (_spentBy.TryGetValue(input.PrevOut, out var spender) && spender == entry.Transaction.Id)
                _spentBy.Remove(input.PrevOut);
        foreach (var ancestor in Ancestors(entry.Parents))
            ChangeDescendants(ancestor, -1, -entry.Size, -entry.Fee);
        foreach (var descendant in Descendants([entry], []))
        {
            descendant.AncestorCount--;
            descendant.AncestorSize -= entry.Size;
            descendant.AncestorFees -= entry.Fee;
        }

        foreach (var parent in entry.Parents)
            parent.Children.Remove(entry);
        foreach (var child in entry.Children)
            child.Parents.Remove(entry);
        entry.Parents.Clear();
        entry.Children.Clear();
    }

    /// <summary>Changes a descendant package's totals, keeping the eviction order right.</summary>
    private void ChangeDescendants(MempoolEntry entry, int count, long size, long fee)
    {
        var indexed = _byDescendantScore.Remove(entry);
        entry.DescendantCount += count;
        entry.DescendantSize += size;
        entry.DescendantFees += fee;
        if (indexed)
            _byDescendantScore.Add(entry);
    }

    /// <summary>Links every entry to its unconfirmed parents again and recounts the packages (after a reorganisation).</summary>
    private void RebuildPackages()
    {
        _byDescendantScore.Clear();
        foreach (var entry in _entries.Values)
        {
            entry.Parents.Clear();
            entry.Children.Clear();
        }

        foreach (var entry in _entries.Values)
        {
            foreach (var input in entry.Transaction.Inputs)
            {
                if (_entries.TryGetValue(input.PrevOut.TxId, out var parent))
                {
                    entry.Parents.Add(parent);
                    parent.Children.Add(entry);
                }
            }
        }

        foreach (var entry in _entries.Values)
        {
            var ancestors = Ancestors(entry.Parents);
            entry.AncestorCount = ancestors.Count + 1;
            entry.AncestorSize = entry.Size + ancestors.Sum(a => (long)a.Size);
            entry.AncestorFees = entry.Fee + ancestors.Sum(a => a.Fee);
            var descendants = Descendants([entry], []);
            entry.DescendantCount = descendants.Count + 1;
            entry.DescendantSize = entry.Size + descendants.Sum(d => (long)d.Size);
            entry.DescendantFees = entry.Fee + descendants.Sum(d => d.Fee);
        }

        foreach (var entry in _entries.Values)
            _byDescendantScore.Add(entry);
    }

    /// <summary>Every unconfirmed ancestor reachable from <paramref name="parents"/>, skipping <paramref name="except"/>.</summary>
    private static HashSet<MempoolEntry> Ancestors(IEnumerable<MempoolEntry> parents, HashSet<MempoolEntry>? except = null)
    {
        var found = new HashSet<MempoolEntry>();
        var stack = new Stack<MempoolEntry>(parents);
        while (stack.TryPop(out var next))
        {
            if (except?.Contains(next) == true || !found.Add(next))
                continue;
            foreach (var parent in next.Parents)
                stack.Push(parent);
        }

        return found;
    }

    /// <summary>Every unconfirmed descendant of <paramref name="roots"/> (not the roots themselves), skipping <paramref name="except"/>.</summary>
    private static HashSet<MempoolEntry> Descendants(IEnumerable<MempoolEntry> roots, HashSet<MempoolEntry> except)
    {
        var found = new HashSet<MempoolEntry>();
        var stack = new Stack<MempoolEntry>(roots.SelectMany(r => r.Children));
        while (stack.TryPop(out var next))
        {
            if (except.Contains(next) || !found.Add(next))
                continue;
            foreach (var child in next.Children)
                stack.Push(child);
        }

        return found;
    }

    /// <summary>
    /// Eviction order (Bitcoin's descendant score): the higher of a transaction's own rate and its descendant package's
    /// rate, lowest first, so a parent whose child pays well is kept; later arrivals go first among equals.
    /// </summary>
    private static int CompareDescendantScore(MempoolEntry? a, MempoolEntry? b) =>
        CompareScore(a, b, e => Better(e.Fee, e.Size, e.DescendantFees, e.DescendantSize));

    /// <summary>Mining order: the lower of a transaction's own rate and its ancestor package's rate; earlier first among equals.</summary>
    private static int CompareAncestorScore(MempoolEntry? a, MempoolEntry? b) =>
        CompareScore(a, b, e => Worse(e.Fee, e.Size, e.AncestorFees, e.AncestorSize));

    /// <summary>Orders two entries by the fee rate <paramref name="score"/> picks for each, the later arrival lower among equals.</summary>
    private static int CompareScore(MempoolEntry? a, MempoolEntry? b, Func<MempoolEntry, (long Fee, long Size)> score)
    {
        if (ReferenceEquals(a, b))
            return 0;
        var (aFee, aSize) = score(a!);
        var (bFee, bSize) = score(b!);
        var byRate = FeeRate.Compare(aFee, aSize, bFee, bSize);
        return byRate != 0 ? byRate : b!.Sequence.CompareTo(a!.Sequence);
    }

    private static int CompareTime(MempoolEntry? a, MempoolEntry? b) =>
        ReferenceEquals(a, b) ? 0 : a!.Added != b!.Added ? a.Added.CompareTo(b.Added) : a.Sequence.CompareTo(b.Sequence);

    private static (long Fee, long Size) Better(long fee1, long size1, long fee2, long size2) =>
        FeeRate.Compare(fee1, size1, fee2, size2) >= 0 ? (fee1, size1) : (fee2, size2);

    private static (long Fee, long Size) Worse(long fee1, long size1, long fee2, long size2) =>
        FeeRate.Compare(fee1, size1, fee2, size2) <= 0 ? (fee1, size1) : (fee2, size2);
}
