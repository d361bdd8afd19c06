namespace BlockchainCs.Core.Chain;

/// <summary>What <see cref="Blockchain.AddBlock"/> did with a block.</summary>
public enum BlockAddStatus
{
    /// <summary>Extended the best chain.</summary>
    Connected,

    /// <summary>Stored on a side branch that has less work than the best chain.</summary>
    SideBranch,

    /// <summary>Made a side branch the best chain: blocks were disconnected and others connected.</summary>
    Reorganized,

    /// <summary>Already known.</summary>
    Duplicate,

    /// <summary>Its parent is unknown; nothing was stored.</summary>
    Orphan,
}
