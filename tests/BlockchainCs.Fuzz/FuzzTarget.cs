namespace BlockchainCs.Fuzz;

/// <summary>
/// One decoder under fuzzing. <see cref="Decode"/> feeds it one input: the decoder's own error (malformed input, refused)
/// is the expected outcome and is caught here; any other exception, or a decoded value that does not encode back to
/// the same bytes, escapes and is a crash AFL++ records.
/// </summary>
public sealed record FuzzTarget(string Name, Action<byte[]> Decode, Func<IEnumerable<byte[]>> Seeds);
