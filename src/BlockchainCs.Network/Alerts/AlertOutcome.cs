namespace BlockchainCs.Network.Alerts;

/// <summary>What the node did with an alert.</summary>
public enum AlertVerdict
{
    /// <summary>Correctly signed and live: kept, shown and relayed.</summary>
    Accepted,

    /// <summary>Already held or seen: nothing to do.</summary>
    Known,

    /// <summary>Correctly signed but not kept (expired, cancelled, no room for its priority): a refusal, nobody is punished.</summary>
    Refused,

    /// <summary>Not signed by K of the chain's keys, or the chain has no alert keys: misbehaviour.</summary>
    Invalid,
}

/// <summary>The verdict on an alert, why, and the alerts it cancelled.</summary>
public sealed record AlertOutcome(AlertVerdict Verdict, string Reason, IReadOnlyList<int> Cancelled)
{
    public static AlertOutcome Of(AlertVerdict verdict, string reason) => new(verdict, reason, []);
}
