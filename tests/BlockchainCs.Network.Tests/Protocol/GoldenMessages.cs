using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.Protocol;

/// <summary>
/// One example of every message: the exact bytes (annotated field by field; written independently of the
/// encoder) and the value they decode to. docs/protocol.md shows the same bytes.
/// </summary>
internal static class GoldenMessages
{
    public static IReadOnlyList<GoldenMessage> All { get; } =
    [
        new(
            Commands.Version,
            """
            42434353                                                          // magic "BCCS"
            76657273696f6e0000000000                                          // command "version"
            6a000000                                                          // payload length 106
            01026c5d                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01000000                                                          // protocol version 1
            0100000100000000                                                  // services Network | Miner
            00f1536500000000                                                  // timestamp 1700000000 (2023-11-14 22:13:20 UTC)
            2a000000                                                          // best height 42
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // genesis hash
            0100000000000000                                                  // listen address: services 0x1
            09                                                                // listen address: host length 9
            3132372e302e302e31                                                // listen address: host "127.0.0.1"
            b80b                                                              // listen address: port 3000
            efcdab8967452301                                                  // nonce 0x0123456789abcdef
            14                                                                // user agent length 20
            2f426c6f636b636861696e43733a302e312e302f                          // user agent "/BlockchainCs:0.1.0/"
            01                                                                // relay: true (BIP 37)
            """,
            new VersionPayload(1, (ulong)(ServiceFlags.Network | ServiceFlags.Miner), 1_700_000_000, 42, Fixtures.H1,
                new NetworkAddress(1, "127.0.0.1", 3000), 0x0123456789abcdef, "/BlockchainCs:0.1.0/", Relay: true)),
        new(
            Commands.Verack,
            """
            42434353                  // magic "BCCS"
            76657261636b000000000000  // command "verack"
            00000000                  // payload length 0
            5df6e0e2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            """,
            VerackPayload.Instance),
        new(
            Commands.GetBlocks,
            """
            42434353                                                          // magic "BCCS"
            676574626c6f636b73000000                                          // command "getblocks"
            65000000                                                          // payload length 101
            46465b17                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01000000                                                          // protocol version 1
            02                                                                // locator: 2 hashes
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // locator[0]
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // locator[1]
            0000000000000000000000000000000000000000000000000000000000000000  // hash stop: zero (as many as allowed)
            """,
            new GetBlocksPayload(1, [Fixtures.H1, Fixtures.H2], Hash256.Zero)),
        new(
            Commands.Inv,
            """
            42434353                                                          // magic "BCCS"
            696e76000000000000000000                                          // command "inv"
            49000000                                                          // payload length 73
            949220f2                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            02                                                                // 2 items
            02000000                                                          // item 0: type 2 (Block)
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // item 0: hash
            01000000                                                          // item 1: type 1 (Tx)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // item 1: hash
            """,
            new InvPayload([new(InventoryType.Block, Fixtures.H1), new(InventoryType.Tx, Fixtures.H2)])),
        new(
            Commands.GetData,
            """
            42434353                                                          // magic "BCCS"
            676574646174610000000000                                          // command "getdata"
            25000000                                                          // payload length 37
            e6f33175                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01                                                                // 1 item
            02000000                                                          // item 0: type 2 (Block)
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // item 0: hash
            """,
            new GetDataPayload([new(InventoryType.Block, Fixtures.H1)])),
        new(
            Commands.NotFound,
            """
            42434353                                                          // magic "BCCS"
            6e6f74666f756e6400000000                                          // command "notfound"
            25000000                                                          // payload length 37
            9e92d701                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01                                                                // 1 item
            01000000                                                          // item 0: type 1 (Tx)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // item 0: hash
            """,
            new NotFoundPayload([new(InventoryType.Tx, Fixtures.H2)])),
        new(
            Commands.Block,
            """
            42434353                                                          // magic "BCCS"
            626c6f636b00000000000000                                          // command "block"
            a2000000                                                          // payload length 162
            a749aa9b                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // header: previous block hash
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // header: merkle root
            00f1536500000000                                                  // header: timestamp 1700000000
            10000000                                                          // header: target bits 16
            3930000000000000                                                  // header: nonce 12345
            01000000                                                          // header: height 1
            01                                                                // 1 transaction
            01                                                                // tx: 1 input
            0000000000000000000000000000000000000000000000000000000000000000  // coinbase previous tx id
            ffffffff                                                          // coinbase previous output index 0xffffffff
            00                                                                // coinbase signature length 0
            04                                                                // coinbase public key length 4
            01000000                                                          // coinbase data: height 1 (int32 LE)
            01                                                                // tx: 1 output
            0a00000000000000                                                  // output 0: value 10
            14                                                                // output 0: public-key hash length 20
            a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3                          // output 0: public-key hash
            """,
            new BlockPayload(Fixtures.SampleBlock)),
        new(
            Commands.Tx,
            """
            42434353                                                          // magic "BCCS"
            747800000000000000000000                                          // command "tx"
            6e000000                                                          // payload length 110
            d8e961bc                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01                                                                // 1 input
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // input 0: previous tx id
            01000000                                                          // input 0: previous output index 1
            08                                                                // input 0: signature length 8
            5151515151515151                                                  // input 0: signature
            04                                                                // input 0: public key length 4
            02c0ffee                                                          // input 0: public key
            02                                                                // 2 outputs
            0700000000000000                                                  // output 0: value 7
            14                                                                // output 0: public-key hash length 20
            a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3                          // output 0: public-key hash
            0300000000000000                                                  // output 1: value 3
            14                                                                // output 1: public-key hash length 20
            cccccccccccccccccccccccccccccccccccccccc                          // output 1: public-key hash
            """,
            new TxPayload(Fixtures.SampleTransaction)),
        new(
            Commands.Addr,
            """
            42434353                  // magic "BCCS"
            616464720000000000000000  // command "addr"
            3b000000                  // payload length 59
            bbb01c9c                  // checksum: SHA-256(SHA-256(payload))[0..4]
            02                        // 2 addresses
            00f1536500000000          // address 0: last seen 1700000000
            0100000000000000          // address 0: services 0x1
            08                        // address 0: host length 8
            31302e302e302e32          // address 0: host "10.0.0.2"
            b90b                      // address 0: port 3001
            64f1536500000000          // address 1: last seen 1700000100
            0500000000000000          // address 1: services 0x5
            0c                        // address 1: host length 12
            6e6f64652e6578616d706c65  // address 1: host "node.example"
            b80b                      // address 1: port 3000
            """,
            new AddrPayload(
            [
                new(1_700_000_000, new NetworkAddress(1, "10.0.0.2", 3001)),
                new(1_700_000_100, new NetworkAddress(5, "node.example", 3000)),
            ])),
        new(
            Commands.GetAddr,
            """
            42434353                  // magic "BCCS"
            676574616464720000000000  // command "getaddr"
            00000000                  // payload length 0
            5df6e0e2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            """,
            GetAddrPayload.Instance),
        new(
            Commands.Ping,
            """
            42434353                  // magic "BCCS"
            70696e670000000000000000  // command "ping"
            08000000                  // payload length 8
            8d9a66f2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            8877665544332211          // nonce 0x1122334455667788
            """,
            new PingPayload(0x1122334455667788)),
        new(
            Commands.Pong,
            """
            42434353                  // magic "BCCS"
            706f6e670000000000000000  // command "pong"
            08000000                  // payload length 8
            8d9a66f2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            8877665544332211          // nonce 0x1122334455667788
            """,
            new PongPayload(0x1122334455667788)),
        new(
            Commands.Mempool,
            """
            42434353                  // magic "BCCS"
            6d656d706f6f6c0000000000  // command "mempool"
            00000000                  // payload length 0
            5df6e0e2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            """,
            MempoolPayload.Instance),
        new(
            Commands.Reject,
            """
            42434353                                                          // magic "BCCS"
            72656a656374000000000000                                          // command "reject"
            31000000                                                          // payload length 49
            3824a0f3                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            02                                                                // message length 2
            7478                                                              // message "tx"
            10                                                                // code 0x10 (Invalid)
            0c                                                                // reason length 12
            646f75626c65207370656e64                                          // reason "double spend"
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // hash of the rejected transaction
            """,
            new RejectPayload("tx", RejectCode.Invalid, "double spend", Fixtures.H2)),
        new(
            Commands.GetHeaders,
            """
            42434353                                                          // magic "BCCS"
            676574686561646572730000                                          // command "getheaders"
            45000000                                                          // payload length 69
            f7d9970c                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01000000                                                          // protocol version 1
            01                                                                // locator: 1 hash
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // locator[0]
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // hash stop
            """,
            new GetHeadersPayload(1, [Fixtures.H1], Fixtures.H2)),
        new(
            Commands.Headers,
            """
            42434353                                                          // magic "BCCS"
            686561646572730000000000                                          // command "headers"
            5a000000                                                          // payload length 90
            a5b15658                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            01                                                                // 1 header
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // header: previous block hash
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // header: merkle root
            00f1536500000000                                                  // header: timestamp 1700000000
            10000000                                                          // header: target bits 16
            3930000000000000                                                  // header: nonce 12345
            01000000                                                          // header: height 1
            00                                                                // transaction count 0
            """,
            new HeadersPayload([Fixtures.SampleHeader])),
        new(
            Commands.FilterLoad,
            """
            42434353                  // magic "BCCS"
            66696c7465726c6f61640000  // command "filterload"
            0d000000                  // payload length 13
            b8e8713c                  // checksum: SHA-256(SHA-256(payload))[0..4]
            03                        // filter length 3
            b50f04                    // filter
            0b000000                  // hash functions 11
            05000000                  // tweak 5
            01                        // flags 1 (BLOOM_UPDATE_ALL)
            """,
            new FilterLoadPayload([0xb5, 0x0f, 0x04], 11, 5, 1)),
        new(
            Commands.FilterAdd,
            """
            42434353                  // magic "BCCS"
            66696c746572616464000000  // command "filteradd"
            05000000                  // payload length 5
            e86d4eda                  // checksum: SHA-256(SHA-256(payload))[0..4]
            04                        // data length 4
            deadbeef                  // data
            """,
            new FilterAddPayload([0xde, 0xad, 0xbe, 0xef])),
        new(
            Commands.FilterClear,
            """
            42434353                  // magic "BCCS"
            66696c746572636c65617200  // command "filterclear"
            00000000                  // payload length 0
            5df6e0e2                  // checksum: SHA-256(SHA-256(payload))[0..4]
            """,
            FilterClearPayload.Instance),
        new(
            Commands.MerkleBlock,
            """
            42434353                                                          // magic "BCCS"
            6d65726b6c65626c6f636b00                                          // command "merkleblock"
            9f000000                                                          // payload length 159
            29bff19b                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // header: previous block hash
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // header: merkle root
            00f1536500000000                                                  // header: timestamp 1700000000
            10000000                                                          // header: target bits 16
            3930000000000000                                                  // header: nonce 12345
            01000000                                                          // header: height 1
            03000000                                                          // total transactions 3
            02                                                                // 2 hashes
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // hash 0: transactions 0 and 1 (no match below: the walk stops)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // hash 1: transaction 2 (the match)
            01                                                                // flags length 1
            0d                                                                // flags 0x0d: bits 1 0 1 1 (descend, stop, descend, match)
            """,
            new MerkleBlockPayload(Fixtures.SampleHeader, 3, [Fixtures.H1, Fixtures.H2], [0x0d])),
        new(
            Commands.GetCFilters,
            """
            42434353                                                          // magic "BCCS"
            6765746366696c7465727300                                          // command "getcfilters"
            25000000                                                          // payload length 37
            c2a864de                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            01000000                                                          // start height 1
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // stop hash
            """,
            new FilterRangeRequestPayload(Commands.GetCFilters, 0, 1, Fixtures.H2)),
        new(
            Commands.CFilter,
            """
            42434353                                                          // magic "BCCS"
            6366696c7465720000000000                                          // command "cfilter"
            26000000                                                          // payload length 38
            bdc517f6                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // block hash
            04                                                                // filter length 4
            0174a170                                                          // filter: 1 item (N = 01), then its Golomb-Rice bits
            """,
            new CFilterPayload(0, Fixtures.H1, Convert.FromHexString("0174a170"))),
        new(
            Commands.GetCFHeaders,
            """
            42434353                                                          // magic "BCCS"
            676574636668656164657273                                          // command "getcfheaders"
            25000000                                                          // payload length 37
            c2a864de                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            01000000                                                          // start height 1
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // stop hash
            """,
            new FilterRangeRequestPayload(Commands.GetCFHeaders, 0, 1, Fixtures.H2)),
        new(
            Commands.CFHeaders,
            """
            42434353                                                          // magic "BCCS"
            636668656164657273000000                                          // command "cfheaders"
            82000000                                                          // payload length 130
            8545eeb4                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // stop hash
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // previous filter header (of the block before the range)
            02                                                                // 2 filter hashes
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // filter hash 0: dSHA256(filter)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // filter hash 1
            """,
            new CFHeadersPayload(0, Fixtures.H2, Fixtures.H1, [Fixtures.H1, Fixtures.H2])),
        new(
            Commands.GetCFCheckpt,
            """
            42434353                                                          // magic "BCCS"
            6765746366636865636b7074                                          // command "getcfcheckpt"
            21000000                                                          // payload length 33
            6896a94a                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // stop hash
            """,
            new GetCFCheckptPayload(0, Fixtures.H2)),
        new(
            Commands.CFCheckpt,
            """
            42434353                                                          // magic "BCCS"
            6366636865636b7074000000                                          // command "cfcheckpt"
            42000000                                                          // payload length 66
            13d2e360                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            00                                                                // filter type 0 (basic)
            202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f  // stop hash
            01                                                                // 1 filter header
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f  // filter header at height 1,000
            """,
            new CFCheckptPayload(0, Fixtures.H2, [Fixtures.H1])),
        new(
            Commands.FeeFilter,
            """
            42434353                                                          // magic "BCCS"
            66656566696c746572000000                                          // command "feefilter"
            08000000                                                          // payload length 8
            e80fd19f                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            e803000000000000                                                  // fee rate 1,000 coins per 1,000 bytes
            """,
            new FeeFilterPayload(1_000)),
        new(
            Commands.Alert,
            """
            42434353                                                          // magic "BCCS"
            616c65727400000000000000                                          // command "alert"
            c9000000                                                          // payload length 201
            e19fa53e                                                          // checksum: SHA-256(SHA-256(payload))[0..4]
            45                                                                // body length 69
            01000000                                                          // body: version 1
            01000000                                                          // body: id 1
            00                                                                // body: cancels no alert
            00f1536500000000                                                  // body: created 1700000000 (2023-11-14 22:13:20 UTC)
            8042556500000000                                                  // body: expires 1700086400 (a day later)
            00000000                                                          // body: minimum protocol version 0
            ffffff7f                                                          // body: maximum protocol version 2147483647
            01000000                                                          // body: priority 1
            1f                                                                // body: text length 31
            5570677261646520746f20312e31206265666f726520626c6f636b20353030    // body: text "Upgrade to 1.1 before block 500"
            02                                                                // 2 signatures
            00                                                                // signature 1: by alert key 0 (private key 1)
            cf5d047766719a04a4d57a9929c77ab6794b39872d335d6194da7044ac5e575e  // signature 1: r
            06cf6b354511579dc92ae95fc7c8d94195eaa8439c4f602585c1a787ebc88521  // signature 1: s
            01                                                                // signature 2: by alert key 1 (private key 2)
            9290572b12fecf387dd5e99a7322bf0e84a287e7a0a4fe22811126843626b51f  // signature 2: r
            6b93bfa7bb930d98d11faa4548312c9a20036acaf8a3adb0f0f4a3cb9775bd05  // signature 2: s
            """,
            new AlertPayload(Convert.FromHexString("01000000010000000000f1536500000000804255650000000000000000ffffff7f010000001f5570677261646520746f20312e31206265666f726520626c6f636b20353030"),
            [
                new Network.Alerts.AlertSignature(0, Convert.FromHexString("cf5d047766719a04a4d57a9929c77ab6794b39872d335d6194da7044ac5e575e06cf6b354511579dc92ae95fc7c8d94195eaa8439c4f602585c1a787ebc88521")),
                new Network.Alerts.AlertSignature(1, Convert.FromHexString("9290572b12fecf387dd5e99a7322bf0e84a287e7a0a4fe22811126843626b51f6b93bfa7bb930d98d11faa4548312c9a20036acaf8a3adb0f0f4a3cb9775bd05")),
            ])),
    ];

    /// <summary>Every command, in the order of <see cref="All"/>.</summary>
    public static IEnumerable<string> CommandList => All.Select(m => m.Command);

    public static GoldenMessage Get(string command) => All.Single(m => m.Command == command);
}
