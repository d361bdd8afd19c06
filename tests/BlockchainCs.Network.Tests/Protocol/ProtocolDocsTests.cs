using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network.Tests.Protocol;

/// <summary>
/// docs/protocol.md shows one hex example per message. These tests decode each with the real code and compare
/// it with the golden bytes, so the documentation cannot drift from the implementation.
/// </summary>
public sealed class ProtocolDocsTests
{
    public static TheoryData<string> CommandNames => new(GoldenMessages.CommandList);

    [Fact]
    public void ProtocolDoc_HexExamples_OnePerCommand()
    {
        var documented = ReadExamples().Select(e => e.Command).ToList();

        Assert.Equal(Commands.All.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void ProtocolDoc_Example_DecodesReencodesAndMatchesGoldenHex(string command)
    {
        var bytes = ReadExamples().Single(e => e.Command == command).Bytes;

        var message = MessageFraming.Decode(bytes, NetworkMagic.Main);
        var payload = PayloadCodec.Decode(message);

        Assert.Equal(command, message.Command);
        Assert.NotNull(payload);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(MessageFraming.Encode(NetworkMagic.Main, payload)));
        Assert.Equal(Convert.ToHexStringLower(GoldenMessages.Get(command).Bytes), Convert.ToHexStringLower(bytes));
    }

    /// <summary>Every ```hex block, named by the first `command` in the heading above it.</summary>
    private static List<(string Command, byte[] Bytes)> ReadExamples()
    {
        var examples = new List<(string, byte[])>();
        string? heading = null;
        List<string>? block = null;
        foreach (var line in File.ReadAllLines(DocPath()))
        {
            if (block is not null)
            {
                if (line.Trim() == "```")
                {
                    var command = CommandIn(heading) ?? throw new InvalidOperationException($"a hex example under '{heading}' names no `command`");
                    examples.Add((command, Hex.Parse(string.Join('\n', block))));
                    block = null;
                }
                else
                {
                    block.Add(line);
                }
            }
            else if (line.Trim() == "```hex")
            {
                block = [];
            }
            else if (line.StartsWith('#'))
            {
                heading = line;
            }
        }

        return examples;
    }

    private static string? CommandIn(string? heading)
    {
        var start = heading?.IndexOf('`') ?? -1;
        var end = start < 0 ? -1 : heading!.IndexOf('`', start + 1);
        return end < 0 ? null : heading![(start + 1)..end];
    }

    private static string DocPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BlockchainCs.sln")))
                return Path.Combine(directory.FullName, "docs", "protocol.md");
        }

        throw new InvalidOperationException($"no BlockchainCs.sln above {AppContext.BaseDirectory}");
    }
}
