using System.CommandLine;

namespace BlockchainCs.Cli;

/// <summary>The options every command shares; each takes the tutorial's single-dash spelling and the double-dash one.</summary>
public static class CliOptions
{
    public static Option<string?> NodeId { get; } = new("--node-id", "-node-id")
    {
        Description = "The node's id (overrides NODE_ID); names its files and its default port",
        Recursive = true,
    };

    public static Option<string?> DataDir { get; } = new("--data-dir", "-data-dir")
    {
        Description = "Where the node's files live [default: the current directory]",
        Recursive = true,
    };

    public static Option<bool> SyncFull { get; } = new("--sync-full", "-sync-full")
    {
        Description = "Make each write survive an OS crash or power cut too, at the price of an fsync per block. "
            + "Without it a crashed process loses nothing; an OS crash may lose the last blocks, which peers give back",
        Recursive = true,
    };

    public static Option<string> Required(string name, string description) => new($"--{name}", $"-{name}")
    {
        Description = description,
        Required = true,
    };

    public static NodeContext Context(ParseResult result) =>
        NodeContext.Resolve(result.GetValue(NodeId), result.GetValue(DataDir), result.GetValue(SyncFull));
}
