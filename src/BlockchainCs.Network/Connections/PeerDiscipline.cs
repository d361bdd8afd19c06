using System.Net;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// The one place misbehaviour is scored and punished: points per offence (<see cref="Misbehavior"/>), every punishment
/// logged with its reason, a ban of the connection's real IP at the threshold. A peer on our own IP (the tutorial's
/// nodes on one machine) is disconnected, never banned, as Bitcoin Core does for local peers: banning it would ban us.
/// </summary>
public sealed class PeerDiscipline(BanList bans, Func<IPAddress, bool> isLocal, TimeSpan banDuration, ILogger log)
{
    public TimeSpan BanDuration => banDuration;

    /// <summary>Raised after each punishment: the peer, what it did, and whether its IP is banned now.</summary>
    public event Action<Peer, string, bool>? Punished;

    public void Punish(Peer peer, Offence offence, string detail)
    {
        detail = SafeText.Sanitize(detail, 200);
        var points = Misbehavior.Points(offence);
        var score = peer.Stats.AddBanScore(points);
        if (score < Misbehavior.BanThreshold)
        {
            log.LogWarning("Misbehaving peer {Peer}: {Offence} (+{Points}, score {Score}): {Detail}", peer, offence, points, score, detail);
            Punished?.Invoke(peer, $"{offence} (+{points}, score {score}): {detail}", false);
            return;
        }

        var banned = !isLocal(peer.RemoteIp);
        if (!banned)
        {
            log.LogWarning("Disconnected {Peer} for {Offence}: {Detail} (not banned: {Ip} is this node's own address)", peer, offence, detail, peer.RemoteIp);
        }
        else
        {
            bans.Ban(peer.RemoteIp, banDuration, $"{offence}: {detail}");
            log.LogWarning("Banned {Ip} ({Peer}) for {Duration}: {Offence}: {Detail}", peer.RemoteIp, peer, banDuration, offence, detail);
        }

        Punished?.Invoke(peer, $"{offence}: {detail}", banned);
        peer.Close($"misbehaving: {offence}: {detail}");
    }
}
