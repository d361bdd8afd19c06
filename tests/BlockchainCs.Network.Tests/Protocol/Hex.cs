namespace BlockchainCs.Network.Tests.Protocol;

/// <summary>Parses hex written one field per line with "//" comments, as in the tests and docs/protocol.md.</summary>
internal static class Hex
{
    public static byte[] Parse(string annotated)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var line in annotated.Split('\n'))
        {
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            foreach (var c in comment < 0 ? line : line[..comment])
            {
                if (!char.IsWhiteSpace(c))
                    digits.Append(c);
            }
        }

        return Convert.FromHexString(digits.ToString());
    }
}
