namespace BlockchainCs.Cli.Tests;

/// <summary>
/// One writer per database across processes: a running node holds its database's writer lock, commands that would write
/// it refuse with one line naming the node, two CLI writers run one after the other, and a killed writer leaves no lock.
/// </summary>
public sealed class CliWriterLockTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteCommands_WhileANodeRuns_RefusedNamingItsPidAndListenAddress_FilesByteIdentical()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        var template = await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        var port = CliTimeouts.FreePort();
        await using var node = cli.Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{port}", "--seed", "127.0.0.1:1");
        await node.WaitForOutputAsync("Node listening", CliTimeouts.Start);
        var expected = $"in use by a running node listening on 127.0.0.1:{port} (pid {node.Id})";

        string[][] writers =
        [
            ["send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine"],
            ["reindexutxo"],
            ["createblockchain", "-address", template.AddressA],
            ["startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1"],
        ];
        foreach (var args in writers)
        {
            var refused = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => cli.RunAsync(args));
            CliAssert.FailsWithOneLine(refused, expected);
        }

        var read = await cli.RunAsync("getbalance", "-address", template.AddressA);
        Assert.True(read.ExitCode == 0, read.ToString());
        await node.TerminateAsync();
        Assert.Equal(0, await node.WaitForExitAsync(CliTimeouts.Stop));
    }

    [Fact]
    public async Task SendMine_TwoAtOnceOnAnIdleDatabase_RunOneAfterTheOther_CoinsAddUp()
    {
        var template = await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        string[] send = ["send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "3", "-mine"];

        var both = await Task.WhenAll(cli.RunAsync(send), cli.RunAsync(send));

        Assert.All(both, r => Assert.True(r.ExitCode == 0 && r.OutLines.SequenceEqual(["Success!"]), r.ToString()));
        // A starts with the genesis 10; each send pays 3 to B and mines a 10-coin coinbase back to A.
        Assert.Equal([$"Balance of '{template.AddressA}': 24"], (await cli.RunAsync("getbalance", "-address", template.AddressA)).OutLines);
        Assert.Equal([$"Balance of '{template.AddressB}': 6"], (await cli.RunAsync("getbalance", "-address", template.AddressB)).OutLines);
        var reindex = await cli.RunAsync("reindexutxo");
        Assert.True(reindex.ExitCode == 0, reindex.ToString());
    }

    [Fact]
    public async Task Node_KilledWithSigkill_LeavesNoStaleLock_NextWriterRuns()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        var template = await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        await using (var node = cli.Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1"))
        {
            await node.WaitForOutputAsync("Node listening", CliTimeouts.Start);
            await node.SignalAsync("KILL");
            await node.WaitForExitAsync(CliTimeouts.Stop);
        }

        var send = await cli.RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine");

        Assert.True(send.ExitCode == 0, send.ToString());
    }

    [Fact]
    public async Task StartNode_CtrlC_IsTheSameCleanShutdownAsSigterm_ExitsZero()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        // A shell without job control starts background commands with SIGINT ignored, and a node it starts rightly keeps
        // it so (as every program does: Ctrl-C is not for background jobs). Then there is no Ctrl-C to test.
        Assert.SkipWhen(CliProcess.InheritsIgnoredSignal(2), "SIGINT is ignored in this test run (started in the background without job control), so the node inherits it ignored");
        await _dir.CopyTemplateAsync();
        await using var node = _dir.Runner().Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1");
        await node.WaitForOutputAsync("Node listening", CliTimeouts.Start);

        await node.SignalAsync("INT");

        Assert.True(await node.WaitForExitAsync(CliTimeouts.Stop) == 0, node.Describe());
        Assert.Contains("Shutting down", node.StdOut + node.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartNode_SigtermInItsFirstHalfSecond_AlwaysExitsZero()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        // The Native AOT executable (what scripts/build.sh publishes where a C toolchain is; scripts/test.sh sets
        // BLOCKCHAIN_CS_CLI) holds SIGTERM back from its first instant (Native/early_signals.c, linked before the runtime
        // starts). A ReadyToRun or JIT-hosted build cannot: its host loads the runtime (~50-100 ms) before any code of
        // ours runs, and a SIGTERM then takes the default action (exit 143).
        Assert.SkipUnless(CliRunner.RunsNativeAotExecutable, "needs the Native AOT executable (scripts/build.sh with a C compiler): a ReadyToRun or JIT host cannot hold SIGTERM back while the runtime loads");
        await _dir.CopyTemplateAsync();
        var random = new Random(20);
        for (var i = 0; i < 20; i++)
        {
            // A signal at a random moment of start-up: before the database is open, while the node binds, just after.
            var delay = TimeSpan.FromMilliseconds(random.Next(2, 500));
            await using var node = _dir.Runner().Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1");
            await Task.Delay(delay, TestContext.Current.CancellationToken);
            await node.TerminateAsync();
            var code = await node.WaitForExitAsync(CliTimeouts.Stop);
            Assert.True(code == 0, $"SIGTERM after {delay.TotalMilliseconds:0} ms: exit {code}\n{node.Describe()}");
        }
    }

    [Fact]
    public async Task StartNode_OnAReadOnlyDatabase_RefusesWithOneLine()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are POSIX only");
        Assert.SkipWhen(Environment.UserName == "root", "root writes read-only files, so the refusal cannot be seen");
        await _dir.CopyTemplateAsync();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_dir.DatabasePath, UnixFileMode.UserRead);

        var result = await _dir.Runner().RunAsync("startnode", "--no-rpc", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1");

        CliAssert.FailsWithOneLine(result, "is read-only", allowStdOut: true);
    }
}
