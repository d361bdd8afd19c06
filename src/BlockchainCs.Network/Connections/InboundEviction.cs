namespace BlockchainCs.Network;

/// <summary>
/// Which inbound connection makes room for a new one when every slot is taken (Bitcoin Core's SelectNodeToEvict), so
/// that a crowd of idle connections cannot lock honest peers out. Connections still in their handshake go first (a
/// slowloris crowd). Otherwise peers are protected, in turn: 4 by network group (chosen by a secret key, so an attacker
/// cannot predict them), 8 with the lowest ping, 4 that last sent us transactions, 4 that last sent us blocks, 4 we
/// last sent blocks to (nodes syncing from us; ours, not Core's), then half of the rest by connection age. Of what is
/// left, the youngest connection of the network group with the most connections is evicted; nobody when nothing is left.
/// </summary>
public static class InboundEviction
{
    public static long? Select(IReadOnlyList<EvictionCandidate> candidates)
    {
        var unfinished = candidates.Where(c => !c.HandshakeDone).OrderBy(c => c.ConnectedAt).FirstOrDefault();
        if (unfinished is not null)
            return unfinished.Id;

        var left = candidates.ToList();
        Protect(left, 4, c => c.KeyedGroup, distinctBy: c => c.NetworkGroup);
        Protect(left, 8, c => c.MinPing is { } ping ? -ping.Ticks : long.MinValue, hasValue: c => c.MinPing is not null);
        Protect(left, 4, c => c.LastTransaction.UtcTicks, hasValue: c => c.LastTransaction.UtcTicks > 0);
        Protect(left, 4, c => c.LastBlock.UtcTicks, hasValue: c => c.LastBlock.UtcTicks > 0);
        Protect(left, 4, c => c.LastServedBlock.UtcTicks, hasValue: c => c.LastServedBlock.UtcTicks > 0);
        Protect(left, left.Count / 2, c => -c.ConnectedAt.UtcTicks);
        if (left.Count == 0)
            return null;

        var crowded = left.GroupBy(c => c.NetworkGroup)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(c => c.ConnectedAt))
            .First();
        return crowded.MaxBy(c => c.ConnectedAt)!.Id;
    }

    /// <summary>Removes from <paramref name="left"/> the <paramref name="count"/> candidates that score highest.</summary>
    private static void Protect<T>(List<EvictionCandidate> left, int count, Func<EvictionCandidate, T> score,
        Func<EvictionCandidate, bool>? hasValue = null, Func<EvictionCandidate, string>? distinctBy = null)
    {
        IEnumerable<EvictionCandidate> ranked = left.Where(hasValue ?? (_ => true)).OrderByDescending(score).ThenBy(c => c.Id);
        if (distinctBy is not null)
            ranked = ranked.DistinctBy(distinctBy);
        foreach (var protectedCandidate in ranked.Take(count).ToList())
            left.Remove(protectedCandidate);
    }
}
