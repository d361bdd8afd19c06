using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// SignatureVerifier checks every input signature of transactions, spreading a block's work over all cores and
/// skipping triples already in the <see cref="SignatureCache"/>.
/// </summary>
public sealed class SignatureVerifier(ISecp256k1 backend, SignatureCache? cache = null)
{
    /// <summary>Below this many signatures the parallel loop costs more than it saves.</summary>
    private const int ParallelThreshold = 16;

    public ISecp256k1 Backend => backend;

    public SignatureCache? Cache => cache;

    /// <summary>Verifies all inputs of one transaction; throws <see cref="RuleException"/> (BadSignature) on the first bad one.</summary>
    public void Verify(Transaction tx, IReadOnlyList<TxOutput> spent)
    {
        for (var i = 0; i < tx.Inputs.Count; i++)
            VerifyInput(tx, i, spent[i]);
    }

    /// <summary>Verifies all inputs of many transactions (a block), in parallel when there are enough of them.</summary>
    public void VerifyAll(IReadOnlyList<(Transaction Tx, IReadOnlyList<TxOutput> Spent)> items)
    {
        var jobs = new List<(Transaction Tx, int Input, TxOutput Spent)>();
        foreach (var (tx, spent) in items)
            for (var i = 0; i < tx.Inputs.Count; i++)
                jobs.Add((tx, i, spent[i]));

        if (jobs.Count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            foreach (var job in jobs)
                VerifyInput(job.Tx, job.Input, job.Spent);
            return;
        }

        // Each job is independent; the first failure stops the loop and is rethrown as is.
        RuleException? failure = null;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, jobs.Count, Math.Max(8, jobs.Count / (Environment.ProcessorCount * 4))),
            (range, state) =>
            {
                for (var j = range.Item1; j < range.Item2 && !state.IsStopped; j++)
                {
                    try
                    {
                        VerifyInput(jobs[j].Tx, jobs[j].Input, jobs[j].Spent);
                    }
                    catch (RuleException e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                        state.Stop();
                    }
                }
            });
        if (failure is not null)
            throw failure;
    }

    private void VerifyInput(Transaction tx, int index, TxOutput spent)
    {
        var input = tx.Inputs[index];
        var digest = tx.SignatureHash(index, spent.PubKeyHash);
        if (cache is not null && cache.Contains(digest, input.PubKey, input.Signature))
            return;
        if (!backend.Verify(input.PubKey, digest, input.Signature))
            throw new RuleException(RuleErrorCode.BadSignature, $"transaction {tx.Id} input {index} has an invalid signature");
        cache?.Add(digest, input.PubKey, input.Signature);
    }
}
