namespace BlockchainCs.Cli.Tests;

/// <summary>A fresh, empty temporary directory for one test (the CLI's working directory); deleted on dispose.</summary>
public sealed class CliTestDirectory : IDisposable
{
    public CliTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"blockchain_cs_clitests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => NodeFile(CliRunner.DefaultNodeId, "blockchain_{0}.db");

    public string WalletPath => NodeFile(CliRunner.DefaultNodeId, "wallet_{0}.dat");

    public CliRunner Runner(string? nodeId = CliRunner.DefaultNodeId) => new(Path, nodeId);

    /// <summary>Copies the shared chain (wallets A and B, genesis paying A) here; without the database when <paramref name="withChain"/> is false.</summary>
    public async Task<CliChainTemplate> CopyTemplateAsync(bool withChain = true)
    {
        var template = await CliChainTemplate.GetAsync();
        System.IO.File.Copy(template.WalletPath, WalletPath);
        if (withChain)
            System.IO.File.Copy(template.DatabasePath, DatabasePath);
        return template;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory left behind is harmless.
        }
    }

    private string NodeFile(string nodeId, string format) => System.IO.Path.Combine(Path, string.Format(format, nodeId));
}
