namespace BlockchainCs.Cli.Tests;

/// <summary>A running node (startnode) and the read commands beside it, then a clean stop on SIGTERM.</summary>
public sealed class CliNodeTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetBalance_WhileNodeRuns_ReadsTheSameDatabaseAndNodeStopsCleanlyOnSigterm()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM through kill is POSIX only");

        var template = await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        var port = CliTimeouts.FreePort();
        await using var node = cli.Start("startnode", "--no-rpc", "--listen", $"127.0.0.1:{port}", "--seed", "127.0.0.1:1");
        await node.WaitForOutputAsync("Node listening", CliTimeouts.Start);

        var whileRunning = await cli.RunAsync("getbalance", "-address", template.AddressA);
        Assert.True(whileRunning.ExitCode == 0, $"{whileRunning}\n--- node ---\n{node.Describe()}");
        Assert.Equal([$"Balance of '{template.AddressA}': {CliChainTemplate.Subsidy}"], whileRunning.OutLines);

        await node.TerminateAsync();
        var exitCode = await node.WaitForExitAsync(CliTimeouts.Stop);
        Assert.True(exitCode == 0, $"startnode exited with {exitCode}\n{node.Describe()}");
        Assert.DoesNotContain("   at ", node.StdOut + node.StdErr, StringComparison.Ordinal);

        var afterwards = await cli.RunAsync("getbalance", "--address", template.AddressA);
        Assert.True(afterwards.ExitCode == 0, afterwards.ToString());
        Assert.Equal([$"Balance of '{template.AddressA}': {CliChainTemplate.Subsidy}"], afterwards.OutLines);
    }
}
