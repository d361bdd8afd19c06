using System.Buffers.Binary;
using System.Security.Cryptography;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Mining;

public sealed class NonceHasherTests
{
    public static TheoryData<string> InstructionSets => new(Enum.GetNames<MiningIsa>());

    [Fact]
    public void Compress_MidstateThenSecondBlock_EqualsSha256HashData()
    {
        var random = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            var header = RandomHeader(random, out var prev, out var merkle, out var timestamp, out var bits, out var nonce);
            var state = new HeaderMidstate(prev, merkle).State.ToArray();
            var block = new uint[16];
            for (var w = 0; w < 6; w++)
                block[w] = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(64 + (w * 4)));
            block[6] = SecondBlockTemplate.PaddingWord;
            block.AsSpan(7, 8).Clear();
            block[15] = SecondBlockTemplate.LengthWord;
            Sha256Compression.Compress(state, block);

            Assert.Equal(SHA256.HashData(header), ToBytes(state));
            Assert.Equal(Block.ComputeHash(prev, merkle, timestamp, bits, nonce).ToArray(), ToBytes(state));
        }
    }

    [Theory]
    [MemberData(nameof(InstructionSets))]
    public void Hash_RandomHeaders_EqualsSha256HashDataInEveryLane(string instructionSet)
    {
        var isa = Enum.Parse<MiningIsa>(instructionSet);
        Assert.SkipUnless(NonceSearch.IsSupported(isa), $"{isa} is not supported by this CPU"); // not on this machine
        var random = new Random(2);
        var lanes = NonceSearch.LaneCount(isa);
        for (var i = 0; i < 200; i++)
        {
            RandomHeader(random, out var prev, out var merkle, out var timestamp, out var bits, out var nonce);
            var high = (uint)((ulong)nonce >> 32);
            var low = (uint)nonce & ~(uint)(lanes - 1);
            AssertLanesMatch(isa, prev, merkle, timestamp, bits, high, low);
        }
    }

    [Theory]
    [MemberData(nameof(InstructionSets))]
    public void Hash_NoncesAroundTheHighWordCarry_EqualSha256HashData(string instructionSet)
    {
        var isa = Enum.Parse<MiningIsa>(instructionSet);
        Assert.SkipUnless(NonceSearch.IsSupported(isa), $"{isa} is not supported by this CPU");
        var random = new Random(3);
        var lanes = (uint)NonceSearch.LaneCount(isa);
        RandomHeader(random, out var prev, out var merkle, out var timestamp, out var bits, out _);
        foreach (var high in new uint[] { 0, 1, 0x7FFF_FFFE, 0x7FFF_FFFF })
        {
            // The last group below 2^32 and the first group of the next high word.
            AssertLanesMatch(isa, prev, merkle, timestamp, bits, high, 0u - lanes);
            AssertLanesMatch(isa, prev, merkle, timestamp, bits, high, 0);
        }
    }

    [Theory]
    [MemberData(nameof(InstructionSets))]
    public void Scan_RangesBeforeAndAfterCarry_ReportExactlyTheValidNonces(string instructionSet)
    {
        var isa = Enum.Parse<MiningIsa>(instructionSet);
        Assert.SkipUnless(NonceSearch.IsSupported(isa), $"{isa} is not supported by this CPU");
        var random = new Random(4);
        RandomHeader(random, out var prev, out var merkle, out var timestamp, out _, out _);
        const int bits = 3;
        var midstate = new HeaderMidstate(prev, merkle);
        var lanes = (uint)NonceSearch.LaneCount(isa);
        foreach (var (high, start) in new[] { (5u, 0xFFFF_FF00u), (6u, 0u) })
        {
            var template = midstate.Template(timestamp, bits, high);
            var expected = new List<long>();
            for (var lo = start; lo - start < 256; lo++)
            {
                var nonce = ((long)high << 32) | lo;
                if (ProofOfWork.IsValid(Block.ComputeHash(prev, merkle, timestamp, bits, nonce), bits))
                    expected.Add(nonce);
            }

            var found = new List<long>();
            var next = start;
            var remaining = 256u;
            while (remaining > 0 && NonceSearch.Scan(isa, in template, next, remaining, NonceSearch.H0Mask(bits), out var groupLo, out var mask))
            {
                for (var lane = 0; lane < lanes; lane++)
                    if ((mask & (1u << lane)) != 0)
                        found.Add(((long)high << 32) | (groupLo + (uint)lane));
                var after = groupLo + lanes;
                remaining -= after - next;
                next = after;
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, found);
        }
    }

    [Theory]
    [InlineData(1, 0x8000_0000u)]
    [InlineData(16, 0xFFFF_0000u)]
    [InlineData(31, 0xFFFF_FFFEu)]
    [InlineData(32, 0xFFFF_FFFFu)]
    [InlineData(200, 0xFFFF_FFFFu)]
    public void H0Mask_TargetBits_CoversTheLeadingBitsOfWordZero(int targetBits, uint expected) =>
        Assert.Equal(expected, NonceSearch.H0Mask(targetBits));

    private static void AssertLanesMatch(MiningIsa isa, Hash256 prev, Hash256 merkle, long timestamp, int bits, uint high, uint low)
    {
        var lanes = NonceSearch.LaneCount(isa);
        var template = new HeaderMidstate(prev, merkle).Template(timestamp, bits, high);
        var words = new uint[8 * lanes];
        NonceSearch.Hash(isa, in template, low, words);
        var header = new byte[Block.HashedHeaderSize];
        for (var lane = 0; lane < lanes; lane++)
        {
            var nonce = ((long)high << 32) | (uint)(low + lane);
            Block.WriteHashedHeader(header, prev, merkle, timestamp, bits, nonce);
            Assert.Equal(SHA256.HashData(header), ToBytes(words.AsSpan(lane * 8, 8)));
        }
    }

    private static byte[] RandomHeader(Random random, out Hash256 prev, out Hash256 merkle, out long timestamp, out int bits, out long nonce)
    {
        var bytes = new byte[Hash256.Size];
        random.NextBytes(bytes);
        prev = new Hash256(bytes);
        random.NextBytes(bytes);
        merkle = new Hash256(bytes);
        timestamp = random.NextInt64(long.MinValue, long.MaxValue);
        bits = random.Next(ProofOfWork.MinTargetBits, ProofOfWork.MaxTargetBits + 1);
        nonce = random.NextInt64(0, long.MaxValue);
        var header = new byte[Block.HashedHeaderSize];
        Block.WriteHashedHeader(header, prev, merkle, timestamp, bits, nonce);
        return header;
    }

    private static byte[] ToBytes(ReadOnlySpan<uint> words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), words[i]);
        return bytes;
    }
}
