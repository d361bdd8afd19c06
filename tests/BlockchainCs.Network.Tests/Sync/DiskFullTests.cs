using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Sync;

/// <summary>
/// A full disk while syncing: the node says so in one line, pauses (no requests, no writes), punishes nobody, keeps
/// serving, and resumes by itself once space returns and the back-off has passed. The "disk" is the database's page
/// limit, which fails exactly as a full disk does (SQLITE_FULL); the CLI tests also fill a real tmpfs where allowed.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sync_DiskFillsUp_PausesWithOneClearLineThenResumesWhenSpaceReturns()
    {
        const int Blocks = 400;
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        TestNetwork.AddBlocks(chainA, Blocks, Wallet.Generate().PubKeyHash);
        var a = net.StartNode(chainA);
        var time = new ShiftedTimeProvider();
        var chainB = net.CreateChain("b");
        chainB.LimitGrowth(0);
        var b = net.StartNode(chainB, c => c with { Seeds = [a.ListenAddress], Time = time, StorageRetry = TimeSpan.FromSeconds(5) });
        var logs = net.Logs(b);

        await Wait.UntilAsync(() => logs.Contains("disk full while writing block"), "b to fill its disk");
        var paused = b.Chain.Tip.Height;
        Assert.InRange(paused, 1, Blocks - 1);
        Assert.True(b.Sync.IsStoragePaused);
        Assert.Equal(1, logs.Count("disk full while writing block"));
        Assert.Contains(logs.Lines, l => l.Contains($"disk full while writing block {paused + 1}: ", StringComparison.Ordinal)
            && l.Contains("sync paused", StringComparison.Ordinal));

        // Nobody is punished for our disk: the peer is still connected with a clean record, and b still serves.
        var peer = Assert.Single(b.ReadyPeers);
        Assert.Equal(0, peer.Stats.BanScore);
        Assert.Empty(b.Bans.Entries());
        var client = await net.ConnectRawAsync(b);
        await client.HandshakeAsync();
        await client.SendAsync(new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, [net.GenesisHash], default));
        Assert.Equal(paused, (await client.ExpectAsync<InvPayload>()).Items.Count);

        // Space returns; after the back-off the next tick asks again and the node catches up.
        chainB.LimitGrowth(null);
        time.Advance(TimeSpan.FromSeconds(6));
        await Wait.UntilAsync(() => b.Chain.Tip.Hash == a.Chain.Tip.Hash, TimeSpan.FromSeconds(20), "b to resume and catch up");
        Assert.False(b.Sync.IsStoragePaused);
        Assert.True(logs.Contains("Disk space is back: sync resumed"));
        Assert.Equal(0, peer.Stats.BanScore);
    }

    [Fact]
    public async Task SubmitBlock_DiskFull_IsDeferredUnpunishedAndMiningWaitsForSpace()
    {
        await using var net = new TestNetwork(output);
        var chain = net.CreateChain("m");
        var node = net.StartNode(chain, c => c);
        chain.LimitGrowth(0);
        BlockOutcome? outcome = null;
        for (var i = 0; i < 400 && outcome?.Deferral is null; i++)
            outcome = await node.Sync.SubmitBlockAsync(TestNetwork.MineCandidate(chain, [], Wallet.Generate().PubKeyHash));

        Assert.StartsWith("disk full while writing block", outcome!.Deferral);
        Assert.False(outcome.IsInvalid);
        Assert.False(node.Sync.WhenStorageAvailable.IsCompleted, "the miner waits while the disk is full");
        Assert.Equal(0, node.LoopFailures);
    }
}
