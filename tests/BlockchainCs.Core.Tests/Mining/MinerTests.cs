using System.Diagnostics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Mining;

public sealed class MinerTests
{
    public static TheoryData<string> InstructionSets => new(Enum.GetNames<MiningIsa>());

    [Fact]
    public void Mine_TargetBits16_ReturnsBlockThatValidates()
    {
        var candidate = Candidate(16, seed: 1);
        var block = new Miner(1).Mine(candidate);

        Assert.NotNull(block);
        Assert.True(ProofOfWork.IsValid(block));
        Assert.Equal(Block.ComputeHash(block.PrevHash, block.MerkleRoot, block.Timestamp, block.TargetBits, block.Nonce), block.Hash);
        Assert.Equal(candidate.PrevHash, block.PrevHash);
        Assert.Equal(candidate.MerkleRoot, block.MerkleRoot);
        Assert.Equal(candidate.Timestamp, block.Timestamp);
        Assert.Equal(candidate.Height, block.Height);
        Assert.Same(candidate.Transactions, block.Transactions);
    }

    [Theory]
    [MemberData(nameof(InstructionSets))]
    public void Mine_EachInstructionSet_FindsTheLowestValidNonce(string instructionSet)
    {
        var isa = Enum.Parse<MiningIsa>(instructionSet);
        Assert.SkipUnless(NonceSearch.IsSupported(isa), $"{isa} is not supported by this CPU");
        var candidate = Candidate(10, seed: 2);
        long lowest = 0;
        while (!ProofOfWork.IsValid(Block.ComputeHash(candidate.PrevHash, candidate.MerkleRoot, candidate.Timestamp, 10, lowest), 10))
            lowest++;

        // One thread scans the first chunk in order, so it must stop at the first valid nonce.
        var block = new Miner(1, isa).Mine(candidate);

        Assert.NotNull(block);
        Assert.Equal(lowest, block.Nonce);
        Assert.True(ProofOfWork.IsValid(block));
    }

    [Fact]
    public void Mine_SeveralThreads_FindsValidNonceAtTargetBits16()
    {
        var miner = new Miner(4);
        for (var seed = 10; seed < 14; seed++)
        {
            var block = miner.Mine(Candidate(16, seed));
            Assert.NotNull(block);
            Assert.True(ProofOfWork.IsValid(block));
        }

        Assert.Equal(4, miner.Threads);
        Assert.True(miner.HashesTried > 0);
    }

    [Fact]
    public void Mine_TargetBitsAbove32_FindsNothingBeforeCancellationAndCountsHashes()
    {
        var miner = new Miner(1);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.Null(miner.Mine(Candidate(60, seed: 3), cts.Token));
        Assert.True(miner.HashesTried >= 1 << 16);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Mine_CancelledWhileMining_ReturnsNullPromptly(int threads)
    {
        var miner = new Miner(threads);
        using var cts = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        using var registration = cts.Token.Register(cancelledAt.Start);
        var mining = Task.Run(() =>
        {
            var block = miner.Mine(Candidate(60, seed: 4), cts.Token);
            cancelledAt.Stop();
            return block;
        });

        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        // WaitAsync throws TimeoutException if Mine ignores the cancellation.
        Assert.Null(await mining.WaitAsync(TimeSpan.FromSeconds(10)));
        // Workers look at the token every 2^16 nonces; leave a wide margin for a loaded test machine.
        Assert.InRange(cancelledAt.ElapsedMilliseconds, 0, 1000);
    }

    [Fact]
    public void Mine_AlreadyCancelledToken_ReturnsNull()
    {
        Assert.Null(new Miner(2).Mine(Candidate(16, seed: 5), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Mine_InvalidTargetBits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Miner(1).Mine(Candidate(0, seed: 6)));
    }

    [Fact]
    public void Constructor_NoThreadCount_UsesEveryProcessor()
    {
        Assert.Equal(Environment.ProcessorCount, new Miner().Threads);
    }

    private static Block Candidate(int targetBits, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[Hash256.Size];
        random.NextBytes(bytes);
        var prev = new Hash256(bytes);
        random.NextBytes(bytes);
        return new Block(1_700_000_000 + seed, prev, new Hash256(bytes), targetBits, 0, seed, []);
    }
}
