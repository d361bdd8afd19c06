using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// One unconfirmed transaction with its fee, arrival time and size, linked to its unconfirmed parents and children in
/// the pool, with the totals of its ancestor and descendant packages (itself included), as in Bitcoin's CTxMemPoolEntry.
/// The totals change only under the pool's lock; readers elsewhere see each figure whole.
/// </summary>
public sealed class MempoolEntry
{
    public MempoolEntry(Transaction transaction, long fee, DateTimeOffset added, int size, long sequence = 0)
    {
        Transaction = transaction;
        Fee = fee;
        Added = added;
        Size = size;
        Sequence = sequence;
        Usage = EstimateUsage(transaction, size);
        AncestorCount = DescendantCount = 1;
        AncestorSize = DescendantSize = size;
        AncestorFees = DescendantFees = fee;
    }

    public Transaction Transaction { get; }

    public long Fee { get; }

    public DateTimeOffset Added { get; }

    /// <summary>Serialized bytes.</summary>
    public int Size { get; }

    /// <summary>Arrival order, breaking ties between equal fee rates (the earlier stays).</summary>
    public long Sequence { get; }

    /// <summary>Estimated memory held for this entry: what <see cref="MempoolPolicy.MaxBytes"/> counts.</summary>
    public long Usage { get; }

    public int AncestorCount { get; internal set; }

    public long AncestorSize { get; internal set; }

    public long AncestorFees { get; internal set; }

    public int DescendantCount { get; internal set; }

    public long DescendantSize { get; internal set; }

    public long DescendantFees { get; internal set; }

    internal HashSet<MempoolEntry> Parents { get; } = [];

    internal HashSet<MempoolEntry> Children { get; } = [];

    /// <summary>
    /// Serialized bytes (kept, cached, with the transaction) plus the objects that hold them: the transaction, each
    /// input's record, signature and key arrays and its spent-output index entry, each output's record and key hash,
    /// this entry and its place in the pool's indexes. MempoolMemoryTests measures that it covers what the pool holds.
    /// </summary>
    public static long EstimateUsage(Transaction tx, int size) => size + 700 + (320L * tx.Inputs.Count) + (100L * tx.Outputs.Count);

    public override string ToString() => $"{Transaction.Id} ({Fee} coins, {Size} bytes)";
}
