using System.Security.Cryptography;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Core.Tests.Crypto;

public sealed class ManagedSha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void HashData_FipsVectors_Match(string message, string expectedHex)
    {
        var digest = new byte[32];
        ManagedSha256.HashData(System.Text.Encoding.ASCII.GetBytes(message), digest);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void HashData_EveryLengthUpTo200_MatchesDotNet()
    {
        var random = new Random(17);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var digest = new byte[32];
            ManagedSha256.DoubleHash(data, digest);

            Assert.Equal(SHA256.HashData(SHA256.HashData(data)), digest);
        }
    }
}
