namespace BlockchainCs.Core.Chain;

/// <summary>What <see cref="Blockchain.AddBlock"/> did with a block.</summary>
public enum BlockAddStatus
{
    /// <summary>Extended the best chain.</summary>
    Connected,

    /// <summary>On a side branch with no more work than the best chain: valid as far as checked, and not stored.</summary>
    SideBranch,

    /// <summary>Made a side branch the best chain: blocks were disconnected and others connected.</summary>
    Reorganized,

    /// <summary>Already known.</summary>
    Duplicate,

    /// <summary>Its parent is unknown (and not among the given ancestors); nothing was stored.</summary>
    Orphan,
}
