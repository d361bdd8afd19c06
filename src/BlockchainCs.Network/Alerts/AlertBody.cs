using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Alerts;

/// <summary>
/// What an alert says (the signed part of the `alert` message, version 1): its id, the ids it cancels, when it was
/// created and when it expires (at most 30 days later), the protocol versions it is for, its priority and its text
/// (printable ASCII, at most 256 bytes). It only displays text: nothing in the node acts on it.
/// </summary>
public sealed record AlertBody(int Id, IReadOnlyList<int> Cancel, long Created, long Expires, int MinVersion, int MaxVersion, int Priority, string Message)
{
    public const int CurrentVersion = 1;
    public const int MaxCancel = 16;
    public const int MaxMessageBytes = 256;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    /// <summary>The longest body version 1 can have.</summary>
    public const int MaxSize = 4 + 4 + 1 + (MaxCancel * 4) + 8 + 8 + 4 + 4 + 4 + 3 + MaxMessageBytes;

    public byte[] ToBytes()
    {
        var writer = new ByteWriter(64 + Message.Length);
        writer.WriteInt32(CurrentVersion);
        writer.WriteInt32(Id);
        writer.WriteCompactSize((ulong)Cancel.Count);
        foreach (var id in Cancel)
            writer.WriteInt32(id);
        writer.WriteInt64(Created);
        writer.WriteInt64(Expires);
        writer.WriteInt32(MinVersion);
        writer.WriteInt32(MaxVersion);
        writer.WriteInt32(Priority);
        writer.WriteVarBytes(System.Text.Encoding.ASCII.GetBytes(Message));
        return writer.ToArray();
    }

    /// <summary>Reads a body; a version we do not know, or one that breaks <see cref="Problem"/>, is malformed.</summary>
    public static AlertBody Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new ByteReader(bytes);
        var version = reader.ReadInt32();
        if (version != CurrentVersion)
            throw new DecodeException($"alert version {version} is unknown (this node reads version {CurrentVersion})");
        var id = reader.ReadInt32();
        var cancel = new int[reader.ReadCount(MaxCancel, 4)];
        for (var i = 0; i < cancel.Length; i++)
            cancel[i] = reader.ReadInt32();
        var created = reader.ReadInt64();
        var expires = reader.ReadInt64();
        var minVersion = reader.ReadInt32();
        var maxVersion = reader.ReadInt32();
        var priority = reader.ReadInt32();
        var text = reader.ReadSpan(reader.ReadCount(MaxMessageBytes));
        if (!IsPrintable(text))
            throw new DecodeException("an alert's text must be printable ASCII");
        reader.EnsureEnd();
        var body = new AlertBody(id, cancel, created, expires, minVersion, maxVersion, priority, System.Text.Encoding.ASCII.GetString(text));
        return body.Problem() is { } problem ? throw new DecodeException(problem) : body;
    }

    /// <summary>What makes this body invalid whatever the time, or null.</summary>
    public string? Problem()
    {
        if (Id <= 0)
            return $"alert id {Id} is not positive";
        if (Cancel.Count > MaxCancel)
            return $"an alert cancels at most {MaxCancel} others";
        if (Cancel.Contains(Id))
            return $"alert {Id} cancels itself";
        if (Expires <= Created || Expires - Created > (long)MaxLifetime.TotalSeconds)
            return $"an alert expires after its creation and within {MaxLifetime.TotalDays:0} days";
        if (MinVersion > MaxVersion)
            return "an alert's minimum protocol version is above its maximum";
        if (Message.Length is 0 or > MaxMessageBytes || !IsPrintable(System.Text.Encoding.ASCII.GetBytes(Message)) || Message.Any(c => c > 0x7e))
            return $"an alert's text is 1 to {MaxMessageBytes} printable ASCII characters";
        return null;
    }

    /// <summary>Whether this node (speaking <paramref name="protocolVersion"/>) is one the alert is for.</summary>
    public bool AppliesTo(int protocolVersion) => protocolVersion >= MinVersion && protocolVersion <= MaxVersion;

    private static bool IsPrintable(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
            if (b is < 0x20 or > 0x7e)
                return false;
        return true;
    }

    public bool Equals(AlertBody? other) =>
        other is not null && Id == other.Id && Cancel.SequenceEqual(other.Cancel) && Created == other.Created && Expires == other.Expires
        && MinVersion == other.MinVersion && MaxVersion == other.MaxVersion && Priority == other.Priority && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(Id, Created, Message);
}
