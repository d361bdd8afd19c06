using System.Text.Json.Nodes;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Events;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Alerts: checked by the <see cref="AlertBook"/> (signatures first), shown in the log at warning level, relayed once to
/// each peer and to every new peer while they are live, kept across a restart. A forged alert is misbehaviour; an
/// expired or cancelled one is a refusal.
/// </summary>
public sealed partial class Node
{
    private const string AlertsSetting = "alerts";

    public AlertBook Alerts { get; }

    /// <summary>Takes an alert from a peer, or from this process (<paramref name="source"/> null: sendalert through RPC, a restart).</summary>
    public AlertOutcome ReceiveAlert(AlertPayload alert, Peer? source)
    {
        source?.KnownAlerts.Add(alert.Hash);
        var outcome = Alerts.Accept(alert, Config.Time.GetUtcNow());
        var body = alert.Parsed;
        switch (outcome.Verdict)
        {
            case AlertVerdict.Accepted:
                if (body.AppliesTo(VersionPayload.CurrentProtocolVersion))
                    AlertLog.Show(_log, body);
                else
                    _log.LogInformation("Alert {Id} is for protocol versions {Min}-{Max}, not this node's; relayed only", body.Id, body.MinVersion, body.MaxVersion);

                foreach (var id in outcome.Cancelled)
                    _log.LogWarning("Alert {Id} is cancelled by alert {By}", id, body.Id);
                Events.Publish(NodeEventKind.Alert, $"Alert {body.Id}: {body.Message}",
                    new JsonObject { ["id"] = body.Id, ["priority"] = body.Priority, ["expires"] = body.Expires });
                RelayAlert(alert, source);
                break;
            case AlertVerdict.Known:
                _log.LogDebug("Alert {Hash} already seen", alert.Hash);
                break;
            case AlertVerdict.Refused:
                _log.LogInformation("Refused alert {Id}: {Reason}", body.Id, outcome.Reason);
                source?.Send(new RejectPayload(Commands.Alert, RejectCode.Obsolete, SafeText.Sanitize(outcome.Reason, 200), alert.Hash));
                break;
            case AlertVerdict.Invalid when source is not null:
                Discipline.Punish(source, Offence.InvalidAlert, $"alert {alert.Hash}: {outcome.Reason}");
                break;
            case AlertVerdict.Invalid:
                _log.LogWarning("Dropped alert {Hash}: {Reason}", alert.Hash, outcome.Reason);
                break;
        }

        return outcome;
    }

    /// <summary>Each ready peer but the source gets the alert once (it is small: pushed whole, not announced by inv).</summary>
    private void RelayAlert(AlertPayload alert, Peer? source)
    {
        foreach (var peer in _connections.ReadyPeers)
            if (peer != source && peer.KnownAlerts.Add(alert.Hash))
                peer.Send(alert);
    }

    /// <summary>A new peer hears every live alert.</summary>
    private void SendAlerts(Peer peer)
    {
        foreach (var alert in Alerts.Live(Config.Time.GetUtcNow()))
            if (peer.KnownAlerts.Add(alert.Hash))
                peer.Send(alert);
    }

    private byte[] SerializeAlerts()
    {
        var writer = new ByteWriter();
        var live = Alerts.Live(Config.Time.GetUtcNow());
        writer.WriteCompactSize((ulong)live.Count);
        foreach (var alert in live)
            writer.WriteVarBytes(PayloadCodec.Encode(alert));
        return writer.ToArray();
    }

    /// <summary>Alerts kept at the last shutdown come back, checked again (expired ones are refused).</summary>
    private void LoadAlerts(byte[] saved)
    {
        var reader = new ByteReader(saved);
        try
        {
            var count = reader.ReadCount(AlertBook.Capacity, 1);
            for (var i = 0; i < count; i++)
            {
                if (PayloadCodec.Decode(Commands.Alert, reader.ReadVarBytes(AlertPayload.MaxSize)) is AlertPayload alert)
                    Alerts.Accept(alert, Config.Time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is DecodeException or ProtocolException)
        {
            _log.LogWarning("The saved alerts are damaged; starting without them ({Reason})", e.Message);
        }
    }
}
