using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Alerts;

/// <summary>
/// The alerts a node holds. Bitcoin's alert system was retired (2016) for two reasons this design answers: one
/// unrevocable key held by few could speak to every node (here K of N keys fixed in the chain's genesis must sign), and
/// its parser kept an unbounded map of alerts and set of cancelled ids, filled by anyone (here signatures are checked
/// before anything else is looked at or stored, at most <see cref="Capacity"/> alerts are held, cancellations live only
/// inside held alerts, and the memory of seen hashes is bounded).
/// </summary>
public sealed class AlertBook(AlertKeys? keys, ISecp256k1? backend = null)
{
    public const int Capacity = 16;

    /// <summary>Hashes of valid alerts seen lately (held or refused), so a relayed copy costs no signature check.</summary>
    public const int SeenCapacity = 1_000;

    private readonly object _gate = new();
    private readonly List<AlertPayload> _held = [];
    private readonly KnownInventory _seen = new(SeenCapacity * 2);
    private readonly ISecp256k1 _backend = backend ?? Secp256k1.Default;

    public AlertKeys? Keys => keys;

    /// <summary>The live alerts, highest priority first.</summary>
    public List<AlertPayload> Live(DateTimeOffset now)
    {
        lock (_gate)
        {
            DropExpired(now);
            return [.. _held.OrderByDescending(a => a.Parsed.Priority).ThenBy(a => a.Parsed.Created)];
        }
    }

    /// <summary>
    /// Checks an alert and keeps it when it is correctly signed, live, not cancelled and important enough to fit. The
    /// signatures come first: nothing an unsigned alert says is looked at.
    /// </summary>
    public AlertOutcome Accept(AlertPayload alert, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_seen.Contains(alert.Hash))
                return AlertOutcome.Of(AlertVerdict.Known, "already seen");
        }

        if (VerifySignatures(alert) is { } forged)
            return AlertOutcome.Of(AlertVerdict.Invalid, forged);

        var body = alert.Parsed;
        lock (_gate)
        {
            if (!_seen.Add(alert.Hash))
                return AlertOutcome.Of(AlertVerdict.Known, "already seen");
            DropExpired(now);
            var nowSeconds = now.ToUnixTimeSeconds();
            if (body.Expires <= nowSeconds)
                return AlertOutcome.Of(AlertVerdict.Refused, $"alert {body.Id} expired at {DateTimeOffset.FromUnixTimeSeconds(body.Expires):u}");
            if (body.Created > nowSeconds + (long)ChainParameters.MaxFutureBlockTime.TotalSeconds)
                return AlertOutcome.Of(AlertVerdict.Refused, $"alert {body.Id} is dated more than 2 hours ahead");
            if (_held.FirstOrDefault(a => a.Parsed.Id == body.Id) is { } sameId)
                return AlertOutcome.Of(AlertVerdict.Refused, $"alert {body.Id} is already held ({sameId.Hash})");
            if (_held.FirstOrDefault(a => a.Parsed.Cancel.Contains(body.Id)) is { } canceller)
                return AlertOutcome.Of(AlertVerdict.Refused, $"alert {body.Id} is cancelled by alert {canceller.Parsed.Id}");

            var cancelled = _held.Where(a => body.Cancel.Contains(a.Parsed.Id)).ToList();
            _held.RemoveAll(cancelled.Contains);
            if (_held.Count >= Capacity)
            {
                var weakest = _held.MinBy(a => (a.Parsed.Priority, a.Parsed.Expires))!;
                if ((weakest.Parsed.Priority, weakest.Parsed.Expires).CompareTo((body.Priority, body.Expires)) >= 0)
                    return AlertOutcome.Of(AlertVerdict.Refused, $"{Capacity} alerts of higher priority are held");
                _held.Remove(weakest);
            }

            _held.Add(alert);
            return new AlertOutcome(AlertVerdict.Accepted, "", [.. cancelled.Select(a => a.Parsed.Id)]);
        }
    }

    /// <summary>Null when exactly K distinct alert keys, in increasing order, signed the alert's hash; else why not.</summary>
    private string? VerifySignatures(AlertPayload alert)
    {
        if (keys is null)
            return "this chain has no alert keys (its genesis block names none)";
        if (alert.Signatures.Count != keys.Threshold)
            return $"{alert.Signatures.Count} signature(s); this chain's alerts carry exactly {keys.Threshold} of its {keys.Keys.Count} keys";
        var previous = -1;
        foreach (var signature in alert.Signatures)
        {
            if (signature.KeyIndex <= previous || signature.KeyIndex >= keys.Keys.Count)
                return $"signature by key {signature.KeyIndex}: keys must be distinct, in increasing order, below {keys.Keys.Count}";
            previous = signature.KeyIndex;
            if (!_backend.Verify(keys.Keys[signature.KeyIndex], alert.Hash, signature.Signature))
                return $"the signature of alert key {signature.KeyIndex} does not verify";
        }

        return null;
    }

    private void DropExpired(DateTimeOffset now) => _held.RemoveAll(a => a.Parsed.Expires <= now.ToUnixTimeSeconds());
}
