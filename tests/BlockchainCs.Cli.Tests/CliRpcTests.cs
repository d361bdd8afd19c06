namespace BlockchainCs.Cli.Tests;

/// <summary>The bitcoin-cli side against a real running node: its answers as JSON, errors as one line, stop.</summary>
public sealed class CliRpcTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RpcCommands_AgainstARunningNode_PrintItsAnswers_StopEndsIt_ThenOneClearLine()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "signals through kill are POSIX only");
        await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        var rpcPort = CliTimeouts.FreePort();
        var connect = $"127.0.0.1:{rpcPort}";
        await using var node = cli.Start("startnode", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1",
            "--rpc-bind", connect);
        await node.WaitForOutputAsync("RPC listening", CliTimeouts.Start);
        Assert.True(File.Exists(Path.Combine(_dir.Path, ".cookie_3000")), node.Describe());

        var info = await cli.RunAsync("getblockchaininfo", "--rpc-connect", connect);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("\"blocks\": 0", info.StdOut, StringComparison.Ordinal);
        var genesis = await cli.RunAsync("rpc", "getblockhash", "0", "--rpc-connect", connect);
        Assert.True(genesis.ExitCode == 0 && genesis.OutLines.Count == 1 && genesis.OutLines[0].Length == 64, genesis.ToString());
        var block = await cli.RunAsync("getblock", genesis.OutLines[0], "--rpc-connect", connect);
        Assert.Contains("\"height\": 0", block.StdOut, StringComparison.Ordinal);
        CliAssert.FailsWithOneLine(await cli.RunAsync("rpc", "nosuch", "--rpc-connect", connect), "method not found: nosuch");
        CliAssert.FailsWithOneLine(await cli.RunAsync("rpc", "getblockhash", "99", "--rpc-connect", connect), "(code -8)");

        var stop = await cli.RunAsync("stop", "--rpc-connect", connect);
        Assert.Equal(["blockchain_cs node stopping"], stop.OutLines);
        Assert.True(await node.WaitForExitAsync(CliTimeouts.Stop) == 0, node.Describe());
        Assert.False(File.Exists(Path.Combine(_dir.Path, ".cookie_3000")), "the cookie is removed at shutdown");

        CliAssert.FailsWithOneLine(await cli.RunAsync("getpeerinfo", "--rpc-connect", connect), "no node is running for NODE_ID 3000");
    }

    [Theory]
    [InlineData("0.0.0.0:13999")]
    [InlineData("192.0.2.1:13999")]
    public async Task StartNode_RpcBindOffLoopbackWithoutTheFlag_RefusedWithOneLine(string bind)
    {
        await _dir.CopyTemplateAsync();

        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("startnode", "--listen",
            $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1", "--rpc-bind", bind));

        CliAssert.FailsWithOneLine(result, $"-rpc-bind {bind} is not a loopback address; add -rpc-allow-remote");
    }
}
