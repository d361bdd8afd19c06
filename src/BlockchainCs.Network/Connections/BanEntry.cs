namespace BlockchainCs.Network;

/// <summary>One ban: the IP, when it began and ends, and why.</summary>
public sealed record BanEntry(string Address, DateTimeOffset Since, DateTimeOffset Until, string Reason);
