namespace BlockchainCs.Cli;

/// <summary>Helps with a mistyped command line: the closest known word, and options named as the tutorial spells them.</summary>
public static class Suggestions
{
    /// <summary>The known word closest to <paramref name="word"/> (at most 2 edits, or a prefix of it), if any.</summary>
    public static string? Closest(string word, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Distinct())
        {
            var distance = candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 3
                ? 1
                : Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }

        return bestDistance <= 2 ? best : null;
    }

    /// <summary>"Option '--address' is required" → "option '-address' is required": the help's own spelling.</summary>
    public static string SingleDash(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, "'--([a-z][a-z-]*)'", "'-$1'");

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), for short words.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
