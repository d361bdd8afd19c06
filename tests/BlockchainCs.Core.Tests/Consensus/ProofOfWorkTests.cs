using System.Numerics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Consensus;

/// <summary>The rule hash &lt; 2^(256 − targetBits), i.e. at least targetBits leading zero bits.</summary>
public sealed class ProofOfWorkTests
{
    /// <summary>A hash with exactly <paramref name="zeroBits"/> leading zero bits, the next bit set and all later bits set.</summary>
    private static Hash256 WithLeadingZeros(int zeroBits)
    {
        var bytes = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        for (var bit = 0; bit < zeroBits; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new Hash256(bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(254)]
    public void IsValid_ExactlyTargetBitsLeadingZeros_Passes(int bits) => Assert.True(ProofOfWork.IsValid(WithLeadingZeros(bits), bits));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(255)]
    public void IsValid_OneLeadingZeroFewer_Fails(int bits) => Assert.False(ProofOfWork.IsValid(WithLeadingZeros(bits - 1), bits));

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(200)]
    public void IsValid_TargetMinusOnePasses_TargetFails(int bits)
    {
        Assert.True(ProofOfWork.IsValid(ToHash(ProofOfWork.Target(bits) - 1), bits));
        Assert.False(ProofOfWork.IsValid(ToHash(ProofOfWork.Target(bits)), bits));
    }

    private static Hash256 ToHash(BigInteger value)
    {
        var bytes = new byte[32];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, 32 - raw.Length);
        return new Hash256(bytes);
    }

    [Fact]
    public void IsValid_ZeroHash_PassesEveryValidTarget()
    {
        Assert.True(ProofOfWork.IsValid(Hash256.Zero, ProofOfWork.MinTargetBits));
        Assert.True(ProofOfWork.IsValid(Hash256.Zero, ProofOfWork.MaxTargetBits));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(256)]
    public void IsValid_TargetBitsOutOfRange_Fails(int bits) => Assert.False(ProofOfWork.IsValid(Hash256.Zero, bits));

    [Fact]
    public void Target_And_Work_ArePowersOfTwo()
    {
        Assert.Equal(BigInteger.One << 248, ProofOfWork.Target(8));
        Assert.Equal(new BigInteger(256), ProofOfWork.Work(8));
        Assert.Equal(ProofOfWork.Work(8) * 2, ProofOfWork.Work(9));
    }

    [Fact]
    public void IsValid_MinedBlock_HashHasTheLeadingZeros()
    {
        var coinbase = Transaction.CreateCoinbase(new byte[20], 10, 0);
        var candidate = new Block(1_700_000_000, Hash256.Zero, MerkleTree.ComputeRoot([coinbase]), 12, 0, 0, [coinbase]);

        var block = TestSupport.ChainBuilder.Mine(candidate);

        Assert.True(ProofOfWork.IsValid(block));
        Assert.Equal(0, block.Hash.ToArray()[0]);
        Assert.Equal(0, block.Hash.ToArray()[1] >> 4);
        Assert.True(new BigInteger(block.Hash.ToArray(), isUnsigned: true, isBigEndian: true) < ProofOfWork.Target(12));
    }
}
