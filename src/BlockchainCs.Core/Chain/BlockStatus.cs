namespace BlockchainCs.Core.Chain;

/// <summary>What is known of a stored block.</summary>
public enum BlockStatus
{
    /// <summary>Passed the context-free checks; stored on a side branch, not yet fully validated.</summary>
    HeaderValid = 1,

    /// <summary>Fully validated when it was connected to the best chain at least once.</summary>
    Valid = 2,

    /// <summary>Failed full validation; never connected again.</summary>
    Invalid = 3,
}
