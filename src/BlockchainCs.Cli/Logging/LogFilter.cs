namespace BlockchainCs.Cli.Logging;

/// <summary>
/// Which categories log debugging detail: none by default, all with --verbose, some with --debug CATEGORY (as bitcoind's
/// -debug=net). Categories: node, net (connections, bans, addresses), sync (blocks, transactions), chain, miner, relay, rpc,
/// spv (a light wallet node).
/// </summary>
public sealed class LogFilter(bool verbose, IReadOnlyCollection<string> debugCategories)
{
    public static readonly string[] Categories = ["node", "net", "sync", "chain", "miner", "relay", "rpc", "spv"];

    public static LogFilter Quiet { get; } = new(false, []);

    public bool ShowsDebug(string category) => verbose || debugCategories.Contains(category) || debugCategories.Contains("all");

    /// <summary>The short, lower-case name shown in each line ("Sync" → "sync").</summary>
    public static string ShortName(string categoryName)
    {
        var dot = categoryName.LastIndexOf('.');
        var name = (dot >= 0 ? categoryName[(dot + 1)..] : categoryName).ToLowerInvariant();
        return name.Length <= 6 ? name : name[..6];
    }
}
