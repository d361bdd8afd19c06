using System.Numerics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// MiningJob is one <see cref="Miner.Mine"/> call shared by its worker threads. Workers take chunks of 2^16
/// consecutive nonces from one counter (no thread waits on a slower one), look for the cancellation token and for
/// another worker's success between chunks (about a millisecond apart), and confirm every candidate with the plain
/// header hash before publishing it.
/// </summary>
internal sealed class MiningJob
{
    private const int ChunkBits = 16;
    private const uint ChunkSize = 1u << ChunkBits;

    // Nonces are 0 .. 2^63 − 1 (non-negative longs). Chunk numbers beyond that range move to the next timestamp.
    private const int ChunksPerTimestampBits = 63 - ChunkBits;
    private const long ChunkInTimestampMask = (1L << ChunksPerTimestampBits) - 1;

    private readonly Block _candidate;
    private readonly HeaderMidstate _midstate;
    private readonly MiningIsa _isa;
    private readonly uint _h0Mask;
    private readonly CancellationToken _cancellationToken;
    private long _nextChunk = -1;
    private long _hashes;
    private volatile bool _finished;
    private Block? _result;

    public MiningJob(Block candidate, MiningIsa isa, CancellationToken cancellationToken)
    {
        _candidate = candidate;
        _midstate = new HeaderMidstate(candidate.PrevHash, candidate.MerkleRoot);
        _isa = isa;
        _h0Mask = NonceSearch.H0Mask(candidate.TargetBits);
        _cancellationToken = cancellationToken;
    }

    public Block? Result => Volatile.Read(ref _result);

    /// <summary>Nonces hashed so far by all workers.</summary>
    public long Hashes => Interlocked.Read(ref _hashes);

    /// <summary>A worker's loop; returns when a block is found (by any worker) or the token is cancelled.</summary>
    public void Work()
    {
        var bits = _candidate.TargetBits;
        var laneCount = (uint)NonceSearch.LaneCount(_isa);
        while (!_finished && !_cancellationToken.IsCancellationRequested)
        {
            var chunk = Interlocked.Increment(ref _nextChunk);
            if (chunk < 0)
                return; // 2^63 chunks: not reachable in practice
            var timestamp = _candidate.Timestamp + (chunk >> ChunksPerTimestampBits);
            var first = (chunk & ChunkInTimestampMask) << ChunkBits;
            var high = (uint)(first >> 32);
            var lo = (uint)first;
            // Cheap (six scalar rounds) next to the 2^16 nonces of the chunk, so it is not cached across chunks.
            var template = _midstate.Template(timestamp, bits, high);
            var remaining = ChunkSize;
            while (remaining > 0 && NonceSearch.Scan(_isa, in template, lo, remaining, _h0Mask, out var groupLo, out var lanes))
            {
                for (var l = lanes; l != 0; l &= l - 1)
                {
                    var nonce = ((long)high << 32) | (groupLo + (uint)BitOperations.TrailingZeroCount(l));
                    var hash = Block.ComputeHash(_candidate.PrevHash, _candidate.MerkleRoot, timestamp, bits, nonce);
                    if (ProofOfWork.IsValid(hash, bits))
                    {
                        Interlocked.Add(ref _hashes, groupLo + laneCount - (uint)first);
                        Interlocked.CompareExchange(ref _result, _candidate.WithProof(timestamp, nonce), null);
                        _finished = true;
                        return;
                    }
                }

                var next = groupLo + laneCount; // wraps to 0 after the last group below 2^32, which ends the chunk
                remaining -= next - lo;
                lo = next;
            }

            Interlocked.Add(ref _hashes, ChunkSize);
        }
    }
}
