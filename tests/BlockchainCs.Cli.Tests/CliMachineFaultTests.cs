using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Mining;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// Faults of the machine, on real mounts in a mount namespace of the test's own: a read-only mount (reads work, every
/// write refuses with "database is read-only") and a full disk (one clear line naming the block, nothing half-written,
/// reads still work; a node pauses and resumes by itself when space returns). Skipped, with the reason, where the
/// platform does not allow such mounts.
/// </summary>
public sealed class CliMachineFaultTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string MountPoint => Path.Combine(_dir.Path, "mnt");

    [Fact]
    public async Task ReadOnlyMount_ReadsWork_EveryWriteRefusesWithDatabaseIsReadOnly()
    {
        var template = await _dir.CopyTemplateAsync();
        var (mount, reason) = await ScratchMount.TryCreateAsync(_dir.Path, MountPoint, "readonly");
        Assert.SkipWhen(mount is null, reason ?? "");
        await using var _ = mount;
        var cli = mount!.Runner();

        var balance = await cli.RunAsync("getbalance", "-address", template.AddressA);
        Assert.True(balance.ExitCode == 0, balance.ToString());
        Assert.Equal([$"Balance of '{template.AddressA}': {CliChainTemplate.Subsidy}"], balance.OutLines);
        foreach (var read in new[] { new[] { "printchain" }, ["utxodigest"], ["listaddresses"] })
        {
            var result = await cli.RunAsync(read);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        string[][] writers =
        [
            ["send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine"],
            ["reindexutxo"],
            ["createblockchain", "-address", template.AddressA],
            ["startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1"],
        ];
        foreach (var args in writers)
            CliAssert.FailsWithOneLine(await cli.RunAsync(args), "database is read-only", allowStdOut: true);
        CliAssert.FailsWithOneLine(await cli.RunAsync("createwallet"), "wallet file is read-only", allowStdOut: true);
    }

    [Fact]
    public async Task DiskFull_SendMine_OneClearLine_NothingHalfWritten_ThenWorksWhenSpaceReturns()
    {
        var template = await _dir.CopyTemplateAsync();
        var (mount, reason) = await ScratchMount.TryCreateAsync(_dir.Path, MountPoint, "tmpfs:1m");
        Assert.SkipWhen(mount is null, reason ?? "");
        await using var _ = mount;
        var cli = mount!.Runner();
        FillUp(mount.HostPath("filler"));

        var full = await cli.RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine");

        CliAssert.FailsWithOneLine(full, "disk full while", allowStdOut: true);
        var balance = await cli.RunAsync("getbalance", "-address", template.AddressA);
        Assert.True(balance.ExitCode == 0, balance.ToString());
        Assert.Equal([$"Balance of '{template.AddressA}': {CliChainTemplate.Subsidy}"], balance.OutLines);

        File.Delete(mount.HostPath("filler"));
        var sent = await cli.RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal([$"Balance of '{template.AddressA}': 19"], (await cli.RunAsync("getbalance", "-address", template.AddressA)).OutLines);
        var reindex = await cli.RunAsync("reindexutxo");
        Assert.True(reindex.ExitCode == 0, reindex.ToString());
    }

    [Fact]
    public async Task DiskFull_WhileANodeSyncs_PausesThenResumesByItselfWhenSpaceReturns()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        const int Blocks = 120;
        var template = await _dir.CopyTemplateAsync();
        // Node 3001 (outside the mount) has a longer chain; node 3000 starts from the genesis on a small disk.
        var sourceDir = Path.Combine(_dir.Path, "source");
        Directory.CreateDirectory(sourceDir);
        var sourceDb = Path.Combine(sourceDir, "blockchain_3001.db");
        File.Copy(_dir.DatabasePath, sourceDb);
        Extend(sourceDb, Blocks);
        var (mount, reason) = await ScratchMount.TryCreateAsync(_dir.Path, MountPoint, "tmpfs:8m");
        Assert.SkipWhen(mount is null, reason ?? "");
        await using var _ = mount;
        var sourcePort = CliTimeouts.FreePort();
        await using var source = new CliRunner(sourceDir, "3001").Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{sourcePort}", "--seed", "127.0.0.1:1");
        await source.WaitForOutputAsync("Node listening", CliTimeouts.Start);
        // Leave about 200 KB free: room for a few blocks, not for all of them.
        File.WriteAllBytes(mount!.HostPath("room"), new byte[200 * 1024]);
        FillUp(mount.HostPath("filler"));
        File.Delete(mount.HostPath("room"));

        await using var node = mount.Runner().Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", $"127.0.0.1:{sourcePort}");
        await node.WaitForOutputAsync("disk full while writing block", CliTimeouts.Start);
        await node.WaitForOutputAsync("sync paused", CliTimeouts.Start);
        var digest = await mount.Runner().RunAsync("utxodigest");
        Assert.True(digest.ExitCode == 0, digest.ToString());
        Assert.DoesNotContain($"height {Blocks} ", digest.StdOut, StringComparison.Ordinal);

        File.Delete(mount.HostPath("filler"));
        await node.WaitForOutputAsync("Disk space is back", TimeSpan.FromSeconds(60));
        await node.WaitForOutputAsync($"Synced to height {Blocks}", TimeSpan.FromSeconds(60));
        var caughtUp = await mount.Runner().RunAsync("utxodigest");
        var expected = await new CliRunner(sourceDir, "3001").RunAsync("utxodigest");
        Assert.Equal(expected.StdOut, caughtUp.StdOut);
        Assert.DoesNotContain("Misbehaving", source.StdOut + node.StdOut, StringComparison.Ordinal);

        await node.TerminateAsync();
        Assert.True(await node.WaitForExitAsync(CliTimeouts.Stop) == 0, node.Describe());
        await source.TerminateAsync();
        Assert.Equal(0, await source.WaitForExitAsync(CliTimeouts.Stop));
    }

    /// <summary>Writes zeros to <paramref name="path"/> until the disk refuses more.</summary>
    private static void FillUp(string path)
    {
        using var file = File.Create(path);
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // The disk is full.
        }
    }

    /// <summary>Adds empty blocks (a coinbase each) to a chain database, mined here at its easy target.</summary>
    private static void Extend(string databasePath, int blocks)
    {
        using var chain = Blockchain.Open(databasePath);
        var miner = new Miner(1);
        var payee = Hashes.Hash160([1, 2, 3]);
        for (var i = 0; i < blocks; i++)
            chain.AddBlock(miner.Mine(chain.BuildCandidate([], payee, 0))!);
    }
}
