namespace BlockchainCs.Cli.Tests;

/// <summary>What one run of the CLI left behind: its exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The non-empty lines of standard output.</summary>
    public IReadOnlyList<string> OutLines =>
        StdOut.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
