namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>The options of the ratio run (<c>bench</c>).</summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllMeasurements = ["mining", "verify", "sync", "spv", "filters", "mempool", "getbalance", "startup"];

    /// <summary>Which measurements to run, in the order of <see cref="AllMeasurements"/>.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllMeasurements);

    /// <summary>The published CLI (bin/blockchain_cs) for the startup line and the CLI getbalance figures; null skips them.</summary>
    public string? Cli { get; init; }

    /// <summary>Blocks of the chain the sync line syncs.</summary>
    public int SyncBlocks { get; init; } = 2_000;

    /// <summary>Unspent outputs of the large chain of the getbalance line.</summary>
    public int BigUtxoCount { get; init; } = 100_000;

    /// <summary>Seconds each side of the mining comparison runs (twice each, best kept).</summary>
    public double MiningSeconds { get; init; } = 2;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--only" => options with { Only = new HashSet<string>(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) },
                "--cli" => options with { Cli = Path.GetFullPath(value) },
                "--blocks" => options with { SyncBlocks = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--utxos" => options with { BigUtxoCount = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--mining-seconds" => options with { MiningSeconds = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }
}
