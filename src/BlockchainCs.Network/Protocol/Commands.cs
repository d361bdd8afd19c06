namespace BlockchainCs.Network.Protocol;

/// <summary>
/// The command names carried in the 12-byte command field of every message envelope. The first seven are
/// the tutorial's (part 7); the rest come from Bitcoin's protocol.
/// </summary>
public static class Commands
{
    public const string Version = "version";
    public const string Verack = "verack";
    public const string GetBlocks = "getblocks";
    public const string Inv = "inv";
    public const string GetData = "getdata";
    public const string NotFound = "notfound";
    public const string Block = "block";
    public const string Tx = "tx";
    public const string Addr = "addr";
    public const string GetAddr = "getaddr";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Mempool = "mempool";
    public const string Reject = "reject";
    public const string GetHeaders = "getheaders";
    public const string Headers = "headers";
    public const string FilterLoad = "filterload";
    public const string FilterAdd = "filteradd";
    public const string FilterClear = "filterclear";
    public const string MerkleBlock = "merkleblock";
    public const string GetCFilters = "getcfilters";
    public const string CFilter = "cfilter";
    public const string GetCFHeaders = "getcfheaders";
    public const string CFHeaders = "cfheaders";
    public const string GetCFCheckpt = "getcfcheckpt";
    public const string CFCheckpt = "cfcheckpt";
    public const string FeeFilter = "feefilter";
    public const string Alert = "alert";

    /// <summary>Every command above, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Version, Verack, GetBlocks, Inv, GetData, NotFound, Block, Tx, Addr, GetAddr,
        Ping, Pong, Mempool, Reject, GetHeaders, Headers, FilterLoad, FilterAdd, FilterClear, MerkleBlock,
        GetCFilters, CFilter, GetCFHeaders, CFHeaders, GetCFCheckpt, CFCheckpt, FeeFilter, Alert,
    ];
}
