namespace BlockchainCs.Cli.Tests.Readme;

/// <summary>
/// One shell block of the README and how a reader runs it, from the <c>&lt;!-- readme-test: … --&gt;</c> line above it:
/// in which terminal(s), whether its last command keeps running (<see cref="Until"/>, then maybe Ctrl-C), what the
/// reader waits to see first (<see cref="AwaitText"/> in <see cref="AwaitTerminal"/>) and what the block must print.
/// </summary>
public sealed record ReadmeStep(
    int LineNumber,
    IReadOnlyList<int> Terminals,
    IReadOnlyList<string> Commands,
    string? Until,
    bool CtrlCAfter,
    bool CtrlCFirst,
    int? AwaitTerminal,
    string? AwaitText,
    IReadOnlyList<string> Expects,
    bool MayFail,
    string? SkipReason)
{
    public override string ToString() => $"README line {LineNumber} (terminal {string.Join(',', Terminals)})";
}
