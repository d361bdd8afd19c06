using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.Filters;

/// <summary>
/// BIP 37 filters: Bitcoin Core's create/insert/serialize vectors (src/test/bloom_tests.cpp: they hash raw bytes, so
/// they carry over unchanged), the limits, the empty filter, and the transaction test mapped onto our transactions.
/// </summary>
public sealed class BloomFilterTests
{
    private static readonly byte[] s_first = Convert.FromHexString("99108ad8ed9bb6274d3980bab5a85c048f0950c8");

    [Theory]
    [InlineData(0u, "03614e9b050000000000000001")]
    [InlineData(2147483649u, "03ce4299050000000100008001")]
    public void CreateInsertSerialize_MatchesBitcoinCore(uint tweak, string expected)
    {
        var filter = BloomFilter.Create(3, 0.01, tweak, BloomFlags.All);

        filter.Insert(s_first);
        Assert.True(filter.Contains(s_first));
        Assert.False(filter.Contains(Convert.FromHexString("19108ad8ed9bb6274d3980bab5a85c048f0950c8"))); // one bit different
        filter.Insert(Convert.FromHexString("b5a2c786d9ef4658287ced5914b37a1b4aa32eee"));
        Assert.True(filter.Contains(Convert.FromHexString("b5a2c786d9ef4658287ced5914b37a1b4aa32eee")));
        filter.Insert(Convert.FromHexString("b9300670b4c5366e95b2699e8b18bc75e5f729c5"));
        Assert.True(filter.Contains(Convert.FromHexString("b9300670b4c5366e95b2699e8b18bc75e5f729c5")));

        Assert.Equal(expected, Convert.ToHexStringLower(filter.Serialize()));
    }

    [Fact]
    public void Limits_OversizedOrTooManyFunctions_Refused_SizingIsCapped()
    {
        Assert.Throws<ArgumentException>(() => new BloomFilter(new byte[BloomFilter.MaxBytes + 1], 1, 0, BloomFlags.None));
        Assert.Throws<ArgumentException>(() => new BloomFilter(new byte[8], BloomFilter.MaxHashFunctions + 1, 0, BloomFlags.None));
        var huge = BloomFilter.Create(10_000_000, 1e-9, 0, BloomFlags.None);
        Assert.Equal(BloomFilter.MaxBytes, huge.SizeBytes);
        Assert.True(huge.HashFunctions <= BloomFilter.MaxHashFunctions);
    }

    [Fact]
    public void EmptyFilter_MatchesEverything_WithoutDividingByZero()
    {
        var empty = new BloomFilter([], 10, 0, BloomFlags.All);

        Assert.True(empty.Contains(s_first));
        Assert.True(empty.IsRelevantAndUpdate(Transaction.CreateCoinbase(new byte[20], 10, 1)));
        empty.Insert(s_first); // nothing to set, no exception
    }

    [Fact]
    public void IsRelevantAndUpdate_OutputKeyHash_WithAllTheSpenderMatchesLater_WithNoneItDoesNot()
    {
        var alice = Wallet.Generate();
        var bob = Wallet.Generate();
        var carol = Wallet.Generate();
        var funding = Transaction.CreateCoinbase(alice.PubKeyHash, 10, 1);
        var toBob = ChainBuilder.Spend(alice, [ChainBuilder.OutputOf(funding)], new TxOutput(4, bob.PubKeyHash), new TxOutput(6, alice.PubKeyHash));
        var bobPays = ChainBuilder.Spend(bob, [ChainBuilder.OutputOf(toBob)], new TxOutput(4, carol.PubKeyHash));
        var unrelated = Transaction.CreateCoinbase(carol.PubKeyHash, 10, 2);

        foreach (var flags in new[] { BloomFlags.All, BloomFlags.None, BloomFlags.PubKeyOnly })
        {
            // Bob's wallet filter knows only his key hash: the payment to him matches, an unrelated coinbase does not.
            var filter = BloomFilter.Create(10, 0.000001, 7, flags);
            filter.Insert(bob.PubKeyHash);
            Assert.True(filter.IsRelevantAndUpdate(toBob));
            Assert.False(filter.IsRelevantAndUpdate(unrelated));
            // Bob's own spend matches through his public key in the input anyway; take that away to see the outpoint rule.
            var spendWithoutKey = new Transaction([bobPays.Inputs[0] with { PubKey = carol.PublicKey, Signature = new byte[64] }], bobPays.Outputs);
            Assert.Equal(flags == BloomFlags.All, filter.IsRelevantAndUpdate(spendWithoutKey));
            Assert.Equal(flags == BloomFlags.All, filter.Contains(BloomFilter.OutPointKey(new OutPoint(toBob.Id, 0))));
        }

        var byId = BloomFilter.Create(1, 0.000001, 0, BloomFlags.None);
        byId.Insert(unrelated.Id.ToArray());
        Assert.True(byId.IsRelevantAndUpdate(unrelated));
        var byKey = BloomFilter.Create(1, 0.000001, 0, BloomFlags.None);
        byKey.Insert(alice.PublicKey);
        Assert.True(byKey.IsRelevantAndUpdate(toBob)); // alice's signature input carries her public key
    }
}
