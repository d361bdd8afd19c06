using BlockchainCs.Core.Filters;

namespace BlockchainCs.Core.Tests.Filters;

/// <summary>MurmurHash3 x86_32 against Bitcoin Core's vectors (src/test/hash_tests.cpp; 0xFBA4C795 is BIP 37's seed step).</summary>
public sealed class MurmurHash3Tests
{
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, "")]
    [InlineData(0x6a396f08u, 0xFBA4C795u, "")]
    [InlineData(0x81f16f39u, 0xffffffffu, "")]
    [InlineData(0x514e28b7u, 0x00000000u, "00")]
    [InlineData(0xea3f0b17u, 0xFBA4C795u, "00")]
    [InlineData(0xfd6cf10du, 0x00000000u, "ff")]
    [InlineData(0x16c6b7abu, 0x00000000u, "0011")]
    [InlineData(0x8eb51c3du, 0x00000000u, "001122")]
    [InlineData(0xb4471bf8u, 0x00000000u, "00112233")]
    [InlineData(0xe2301fa8u, 0x00000000u, "0011223344")]
    [InlineData(0xfc2e4a15u, 0x00000000u, "001122334455")]
    [InlineData(0xb074502cu, 0x00000000u, "00112233445566")]
    [InlineData(0x8034d2a0u, 0x00000000u, "0011223344556677")]
    [InlineData(0xb4698defu, 0x00000000u, "001122334455667788")]
    public void Hash_MatchesBitcoinCoresVectors(uint expected, uint seed, string hex) =>
        Assert.Equal(expected, MurmurHash3.Hash(seed, Convert.FromHexString(hex)));
}
