using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Spv;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Sync;

/// <summary>
/// A light wallet's header chain on a real SQLite file: 2,500 headers in two rounds, every kind of bad header refused
/// with its offence (and those before it kept), the heaviest branch winning, and the chain as it was after a reopen.
/// </summary>
public sealed class HeaderChainTests(ITestOutputHelper output)
{
    private const int HeadersPayloadLimit = 2_000;

    private static HeaderChain Open(TestNetwork net, out SpvStore store)
    {
        var genesis = net.CreateChain("genesis-source");
        store = SpvStore.Create(Path.Combine(net.Directory, $"spv_{Guid.NewGuid():N}.db"), genesis.GetBlock(genesis.GenesisHash)!, TestNetwork.TargetBits);
        return new HeaderChain(store, TimeProvider.System);
    }

    /// <summary>A mined header on <paramref name="parent"/> with the given height and time (the defaults are the honest ones).</summary>
    private static Block Header(Block parent, int? height = null, long? timestamp = null, int targetBits = TestNetwork.TargetBits) =>
        SpvStore.Header(TestNetwork.Mine(new Block(timestamp ?? parent.Timestamp + 60, parent.Hash, Hash256.Compute([1, 2, 3]), targetBits, 0,
            height ?? parent.Height + 1, [])));

    [Fact]
    public async Task TwoThousandFiveHundredHeaders_InTwoRounds_KeptAcrossAReopen()
    {
        await using var net = new TestNetwork(output);
        var source = net.CreateChain();
        var blocks = TestNetwork.AddBlocks(source, 2_500, net.Alice.PubKeyHash);
        var chain = Open(net, out var store);

        chain.Add(blocks.Take(HeadersPayloadLimit).ToList());
        Assert.Equal(2_000, chain.Height);
        Assert.Equal(blocks[1_999].Hash, chain.Locator()[0]);
        var (disconnected, connected) = chain.Add(blocks.Skip(HeadersPayloadLimit).ToList());
        Assert.Empty(disconnected);
        Assert.Equal(500, connected.Count);
        Assert.Equal(blocks[^1].Hash, chain.Tip.Hash);
        Assert.Equal(source.Tip.ChainWork, chain.ChainWork);

        store.Dispose();
        using var reopened = SpvStore.Open(store.Path);
        var again = new HeaderChain(reopened, TimeProvider.System);
        Assert.Equal(2_500, again.Height);
        Assert.Equal(blocks[1_234].Hash, again.HashAt(1_235)); // blocks[i] is at height i + 1
    }

    [Fact]
    public async Task BadHeaders_RefusedWithTheirOffence_TheOnesBeforeAreKept()
    {
        await using var net = new TestNetwork(output);
        var chain = Open(net, out var store);
        using var _ = store;
        var genesis = chain.Tip.Header;
        var good = Header(genesis);

        Assert.Equal(Offence.InvalidHeader, Refused(chain, [good, Header(good, height: 5)])); // wrong height
        Assert.Equal(good.Hash, chain.Tip.Hash); // the good one before it is kept
        Assert.Equal(Offence.InvalidHeader, Refused(chain, [Header(good, targetBits: TestNetwork.TargetBits + 1)])); // not the chain's bits
        Assert.Equal(Offence.InvalidHeader, Refused(chain, [Header(good, timestamp: DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds())]));
        Assert.Equal(Offence.UnconnectingHeaders, Refused(chain, [Header(Header(good))])); // its parent is unknown

        var honest = Header(good);
        var noWork = Enumerable.Range(0, 1_000).Select(n => honest.WithProof(honest.Timestamp, n)).First(b => !ProofOfWork.IsValid(b));
        Assert.Equal(Offence.InvalidHeader, Refused(chain, [noWork]));
        Assert.Equal(1, chain.Height);
    }

    [Fact]
    public async Task HeavierBranch_Reorganises_DisconnectedAndConnectedReported()
    {
        await using var net = new TestNetwork(output);
        var chain = Open(net, out var store);
        using var _ = store;
        var genesis = chain.Tip.Header;
        var a1 = Header(genesis);
        var a2 = Header(a1);
        chain.Add([a1, a2]);
        var b1 = Header(genesis, timestamp: genesis.Timestamp + 61);
        var b2 = Header(b1);

        var tie = chain.Add([b1, b2]); // as much work: the first seen stays
        Assert.Empty(tie.Connected);
        Assert.Equal(a2.Hash, chain.Tip.Hash);

        var b3 = Header(b2);
        var (disconnected, connected) = chain.Add([b3]);
        Assert.Equal([a2.Hash, a1.Hash], disconnected);
        Assert.Equal([b1.Hash, b2.Hash, b3.Hash], connected);
        Assert.True(chain.IsOnBestChain(b1.Hash));
        Assert.False(chain.IsOnBestChain(a1.Hash));
        Assert.Equal(b2.Hash, chain.HashAt(2));
    }

    [Fact]
    public async Task ForkDeeperThan100BelowTheTip_Refused_ShallowerOnesKept()
    {
        await using var net = new TestNetwork(output);
        var chain = Open(net, out var store);
        using var _ = store;
        var genesis = chain.Tip.Header;
        var main = new List<Block>();
        var tip = genesis;
        for (var i = 0; i < HeaderChain.MaxForkDepth + 2; i++)
            main.Add(tip = Header(tip));
        chain.Add(main);

        // Cheap proof of work must not let a peer grow branches off old blocks.
        Assert.Equal(Offence.InvalidHeader, Refused(chain, [Header(genesis, timestamp: genesis.Timestamp + 7)]));
        var shallow = Header(main[^50], timestamp: main[^50].Timestamp + 7);
        chain.Add([shallow]);
        Assert.NotNull(chain.Get(shallow.Hash));
    }

    private static Offence Refused(HeaderChain chain, List<Block> headers) =>
        Assert.Throws<HeaderException>(() => chain.Add(headers)).Offence;
}
