using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BlockchainCs.Cli.Tests;

/// <summary>The network commands when the network is not there: one clear line, exit 1, promptly, files untouched.</summary>
public sealed class CliNetworkErrorTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Send_WithoutMineToUnreachableNode_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync(
            "send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "--seed", "127.0.0.1:1"));
        CliAssert.FailsWithOneLine(result, "cannot reach any node");
        Assert.Contains("127.0.0.1:1", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartNode_PortAlreadyInUse_FailsWithOneLinePromptly()
    {
        await _dir.CopyTemplateAsync();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var cli = _dir.Runner();
        var before = CliAssert.Snapshot(_dir.Path);

        var clock = Stopwatch.StartNew();
        var result = await cli.RunWithTimeoutAsync(TimeSpan.FromSeconds(30),
            "startnode", "--no-rpc", "--listen", $"127.0.0.1:{port}", "--seed", "127.0.0.1:1");
        clock.Stop();

        // startnode announces itself on stdout before binding; the failure is the single stderr line.
        CliAssert.FailsWithOneLine(result, $"cannot listen on 127.0.0.1:{port}", allowStdOut: true);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"startnode took {clock.Elapsed} to give up");

        // Nothing was written: every file is byte-identical.
        Assert.Equal(before, CliAssert.Snapshot(_dir.Path));
    }
}
