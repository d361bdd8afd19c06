using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Miner searches nonces for a candidate block (the tutorial's ProofOfWork.Run). The header's first SHA-256
/// block is compressed once (<see cref="HeaderMidstate"/>), and each nonce costs one compression of the second
/// block, computed for 4, 8 or 16 nonces at once in SIMD lanes (<see cref="NonceHasher{TL, TV}"/>) on all the
/// configured threads.
/// </summary>
public sealed class Miner
{
    private readonly int _threads;
    private readonly MiningIsa _isa;
    private long _hashesTried;
    private MiningJob? _job;

    public Miner(int threads = 0)
        : this(threads, NonceSearch.Best)
    {
    }

    internal Miner(int threads, MiningIsa isa)
    {
        if (!NonceSearch.IsSupported(isa))
            throw new PlatformNotSupportedException($"{isa} is not supported on this machine");
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _isa = isa;
    }

    public int Threads => _threads;

    /// <summary>The SIMD path in use (Vector512, Vector256Avx512, Vector256, Vector128 or Scalar), for logs.</summary>
    public string InstructionSet => _isa.ToString();

    /// <summary>Nonces hashed by all <see cref="Mine"/> calls of this miner so far, the one in progress included.</summary>
    public long HashesTried => Interlocked.Read(ref _hashesTried) + (Volatile.Read(ref _job)?.Hashes ?? 0);

    /// <summary>Returns the candidate with a valid nonce (and possibly a fresher timestamp), or null when cancelled.</summary>
    public Block? Mine(Block candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (!ProofOfWork.IsValidTargetBits(candidate.TargetBits))
            throw new ArgumentOutOfRangeException(nameof(candidate), candidate.TargetBits, "target bits must be 1..255");
        var job = new MiningJob(candidate, _isa, cancellationToken);
        Volatile.Write(ref _job, job);
        try
        {
            if (_threads == 1)
            {
                job.Work();
            }
            else
            {
                var workers = new Thread[_threads - 1];
                for (var i = 0; i < workers.Length; i++)
                {
                    workers[i] = new Thread(job.Work) { IsBackground = true, Name = $"miner {i + 1}" };
                    workers[i].Start();
                }

                job.Work(); // the calling thread is worker 0
                foreach (var worker in workers)
                    worker.Join();
            }
        }
        finally
        {
            Volatile.Write(ref _job, null);
            Interlocked.Add(ref _hashesTried, job.Hashes);
        }

        return job.Result;
    }
}
