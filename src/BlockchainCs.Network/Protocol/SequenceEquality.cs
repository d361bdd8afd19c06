namespace BlockchainCs.Network.Protocol;

/// <summary>Value equality for the lists inside payload records (records compare lists by reference).</summary>
internal static class SequenceEquality
{
    public static bool Equal<T>(IReadOnlyList<T> left, IReadOnlyList<T> right, Func<T, T, bool>? itemEquals = null)
    {
        if (ReferenceEquals(left, right))
            return true;
        if (left.Count != right.Count)
            return false;
        itemEquals ??= EqualityComparer<T>.Default.Equals;
        for (var i = 0; i < left.Count; i++)
        {
            if (!itemEquals(left[i], right[i]))
                return false;
        }

        return true;
    }

    /// <summary>A cheap hash: the count and the first item are enough to spread payloads over buckets.</summary>
    public static int Hash<T>(IReadOnlyList<T> items) => items.Count == 0 ? 0 : HashCode.Combine(items.Count, items[0]);
}
