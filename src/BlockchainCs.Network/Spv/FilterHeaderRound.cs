using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// One range of filter headers asked of several peers at once (getcfheaders): their answers, compared once all are in.
/// </summary>
public sealed class FilterHeaderRound(int start, Hash256 stop, IEnumerable<Peer> asked)
{
    public int Start => start;

    public Hash256 Stop => stop;

    /// <summary>Each asked peer's filter hashes for the range (null until it answers).</summary>
    public Dictionary<Peer, IReadOnlyList<Hash256>?> Answers { get; } = asked.ToDictionary(p => p, _ => (IReadOnlyList<Hash256>?)null);

    public bool Complete => Answers.Values.All(a => a is not null);

    /// <summary>The block height being disputed (answers differ there), while its block is fetched to settle it.</summary>
    public int? DisputedHeight { get; set; }
}
