namespace BlockchainCs.Core.Chain;

/// <summary>What is known of a stored block.</summary>
public enum BlockStatus
{
    /// <summary>Passed the context-free checks, not yet fully validated (side blocks stored by databases of format 1's first releases).</summary>
    HeaderValid = 1,

    /// <summary>Fully validated when it was connected to the best chain at least once.</summary>
    Valid = 2,

    /// <summary>Failed full validation; never connected again (newer databases keep invalid blocks as marks, without their data).</summary>
    Invalid = 3,
}
