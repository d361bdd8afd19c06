using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Alerts;

/// <summary>How a node and a light wallet show an alert they accepted: one warning line.</summary>
internal static class AlertLog
{
    public static void Show(ILogger log, AlertBody body) =>
        log.LogWarning("ALERT {Id} (priority {Priority}, until {Expires:u}): {Message}", body.Id, body.Priority,
            DateTimeOffset.FromUnixTimeSeconds(body.Expires), body.Message);
}
