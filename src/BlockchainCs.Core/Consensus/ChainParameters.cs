namespace BlockchainCs.Core.Consensus;

/// <summary>
/// ChainParameters are the fixed rules of one chain. <see cref="TargetBits"/> is chosen at createblockchain and
/// stored with the chain; the rest are constants of the project.
/// </summary>
public sealed record ChainParameters
{
    public const int DefaultTargetBits = 16;

    /// <summary>The tutorial's subsidy: 10 coins per block to the miner.</summary>
    public const long Subsidy = 10;

    /// <summary>Bitcoin's limit on how far in the future a block's timestamp may be.</summary>
    public static readonly TimeSpan MaxFutureBlockTime = TimeSpan.FromHours(2);

    public const int MaxBlockSize = 4_000_000;

    public const int MaxTransactionSize = 1_000_000;

    /// <summary>The genesis coinbase's note, as in the tutorial (and Bitcoin's genesis block).</summary>
    public const string GenesisCoinbaseData = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";

    public int TargetBits { get; init; } = DefaultTargetBits;

    public static ChainParameters Default { get; } = new();
}
