namespace BlockchainCs.Cli;

/// <summary>A mistake of the user's (bad address, unknown sender, …): reported as one line on stderr with exit code 1.</summary>
public sealed class UserErrorException(string message) : Exception(message);
