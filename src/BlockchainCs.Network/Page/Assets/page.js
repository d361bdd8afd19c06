// The live page: reads the node through /api/METHOD (read-only RPC methods) and follows /events (server-sent events).
// Everything from the node is put on the page as text (textContent), never as HTML: peers choose their user agents.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "data") for (const [k, v] of Object.entries(value)) node.dataset[k] = v;
    else if (key === "title") node.title = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

async function call(method, ...params) {
  const query = params.length ? "?params=" + encodeURIComponent(JSON.stringify(params)) : "";
  const response = await fetch("/api/" + method + query, { cache: "no-store" });
  if (response.status === 401) { location.reload(); throw new Error("the page's key is no longer valid"); }
  const body = await response.json();
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

const short = (hash) => (hash ? hash.slice(0, 12) + "…" : "");
const clock = (seconds) => new Date(seconds * 1000).toLocaleTimeString();
function ago(seconds) {
  const s = Math.max(0, Math.round(Date.now() / 1000 - seconds));
  return s < 60 ? s + " s" : s < 3600 ? Math.floor(s / 60) + " min" : Math.floor(s / 3600) + " h";
}
function bytes(n) { return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " kB" : (n / 1048576).toFixed(1) + " MB"; }
function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`;
}
function fill(tbody, rows, empty) {
  tbody.replaceChildren(...rows);
  if (empty) empty.hidden = rows.length > 0;
}

// What the page shows; each refresh replaces one part.

const seen = { blocks: new Set(), mempool: new Set(), first: true };
let selected = null;

async function refreshSummary() {
  const [chain, mempool, network, mining, uptime] = await Promise.all([
    call("getblockchaininfo"), call("getmempoolinfo"), call("getnetworkinfo"), call("getminingstats"), call("uptime")]);
  $("node-address").textContent = network.localaddress;
  $("role").textContent = mining.mining ? "miner" : "full node";
  $("height").textContent = chain.blocks;
  $("tip").textContent = chain.bestblockhash;
  $("sync-bar").value = chain.verificationprogress;
  $("sync-text").textContent = chain.storagepaused ? "paused: disk full"
    : chain.initialblockdownload ? `${chain.blocks} / ${chain.headers}` : "synced";
  $("peer-count").textContent = `${network.connections} (${network.connections_out} out, ${network.connections_in} in)`;
  $("mempool-count").textContent = mempool.size;
  $("mempool-bytes").textContent = `${mempool.size} transactions, ${bytes(mempool.usage)} of ${bytes(mempool.maxmempool)}`
    + (mempool.mempoolminfee > 0 ? `, minimum ${mempool.mempoolminfee} coins/kB` : "");
  $("uptime").textContent = duration(uptime);
}

async function refreshBlocks() {
  const blocks = await call("getrecentblocks", 12);
  fill($("blocks-list"), blocks.map((b) => {
    const row = el("tr", { class: "clickable", data: { hash: b.hash, height: b.height }, onclick: () => showBlock(b.hash) },
      el("td", {}, b.height), el("td", { class: "mono", title: b.hash }, short(b.hash)), el("td", {}, clock(b.time)),
      el("td", {}, b.nTx), el("td", {}, b.size), el("td", { class: "mono", title: b.miner || "" }, short(b.miner)));
    if (!seen.first && !seen.blocks.has(b.hash)) row.classList.add("fresh");
    if (selected === b.hash) row.classList.add("selected");
    return row;
  }));
  blocks.forEach((b) => seen.blocks.add(b.hash));
}

// The node lists its mempool best ancestor fee rate first: the order its miner would take it in.
async function refreshMempool() {
  const entries = Object.entries(await call("getrawmempool", true));
  fill($("mempool-list"), entries.map(([txid, e]) => {
    const rate = e.ancestorcount > 1 ? `${e.ancestorfeerate} (with ${e.ancestorcount - 1} parent${e.ancestorcount > 2 ? "s" : ""})` : `${e.feerate}`;
    const row = el("tr", { class: "clickable", data: { txid }, onclick: () => showTransaction(txid) },
      el("td", { class: "mono", title: txid }, short(txid)), el("td", {}, e.size), el("td", {}, e.fee), el("td", {}, rate),
      el("td", {}, ago(e.time)));
    if (!seen.first && !seen.mempool.has(txid)) row.classList.add("fresh");
    return row;
  }), $("mempool-empty"));
  seen.mempool = new Set(entries.map(([txid]) => txid));
}

async function refreshAlerts() {
  const alerts = await call("listalerts");
  fill($("alerts-list"), alerts.map((a) => el("li", { data: { id: a.id } },
    el("strong", {}, a.message), ` — alert ${a.id}, priority ${a.priority}, until ${new Date(a.expires * 1000).toLocaleString()}`)),
  $("alerts-empty"));
}

async function refreshPeers() {
  const peers = await call("getpeerinfo");
  fill($("peers-list"), peers.map((p) => el("tr", { data: { id: p.id } },
    el("td", { class: "mono", title: `${p.addr} ${p.subver || ""}` }, p.addrlisten || p.addr),
    el("td", { class: p.inbound ? "in" : "out" }, p.inbound ? "inbound" : "outbound"),
    el("td", {}, p.synced_blocks),
    el("td", {}, p.pingtime == null ? "–" : Math.round(p.pingtime * 1000) + " ms"),
    el("td", {}, bytes(p.bytesrecv)), el("td", {}, bytes(p.bytessent)),
    el("td", { class: p.banscore > 0 ? "score-bad" : "" }, p.banscore))), $("peers-empty"));
}

// The picture: this node in the middle, its peers around it, the addresses it knows (not connected) and bans outside.
async function refreshGraph() {
  const graph = await call("getnodegraph");
  const svg = $("graph");
  const ns = "http://www.w3.org/2000/svg";
  const shape = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const cx = 210, cy = 160;
  const items = [];
  const around = (list, radius, offset) => list.map((item, i) => {
    const angle = offset + (2 * Math.PI * i) / Math.max(list.length, 1);
    return { item, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
  });
  const connected = new Set(graph.peers.map((p) => p.addrlisten || p.addr));
  const known = graph.known.filter((k) => !connected.has(k.addr) && k.addr !== graph.self.addr).slice(0, 24);
  const banned = graph.banned.slice(0, 8);
  for (const { item, x, y } of around(graph.peers, 95, -Math.PI / 2)) {
    items.push(shape("line", { x1: cx, y1: cy, x2: x, y2: y, class: item.inbound ? "inbound" : "outbound" }));
    items.push(shape("circle", { cx: x, cy: y, r: 9, class: item.miner ? "miner" : "peer" }));
    items.push(shape("text", { x: x + 11, y: y + 4 }, item.addrlisten || item.addr));
  }
  for (const { item, x, y } of around(known, 140, -Math.PI / 3)) {
    items.push(shape("circle", { cx: x, cy: y, r: 4, class: "known" }));
    if (known.length <= 8) items.push(shape("text", { x: x + 6, y: y + 3, class: "muted" }, item.addr));
  }
  for (const { item, x, y } of around(banned, 150, Math.PI / 5)) {
    items.push(shape("circle", { cx: x, cy: y, r: 5, class: "banned" }));
    items.push(shape("text", { x: x + 7, y: y + 3 }, item));
  }
  items.push(shape("circle", { cx, cy, r: 13, class: "self" }));
  items.push(shape("text", { x: cx - 40, y: cy + 28 }, graph.self.addr));
  svg.replaceChildren(...items);
}

// Details of a block or a transaction.

function describeTransaction(tx) {
  const inputs = tx.coinbase ? [el("li", { class: "muted" }, "coinbase: new coins")]
    : tx.vin.map((i) => el("li", { class: "mono", title: `${i.txid}:${i.vout}` }, `${short(i.txid)}:${i.vout} from ${i.address}`));
  const outputs = tx.vout.map((o) => el("li", { class: "mono" }, `${o.value} → ${o.address}`));
  return el("div", { class: "tx", data: { txid: tx.txid } },
    el("h3", { class: "mono" }, (tx.coinbase ? "coinbase " : "") + tx.txid),
    el("div", { class: "flow" }, el("ul", {}, ...inputs), el("span", { class: "arrow" }, "⟶"), el("ul", {}, ...outputs)));
}

function facts(pairs) {
  return el("dl", {}, ...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { class: "mono" }, v)]));
}

async function showBlock(hash) {
  selected = hash;
  document.querySelectorAll("#blocks-list tr").forEach((r) => r.classList.toggle("selected", r.dataset.hash === hash));
  const block = await call("getblock", hash, 2);
  $("detail-title").textContent = `Block ${block.height}`;
  $("detail").className = "";
  $("detail").replaceChildren(
    facts([["hash", block.hash], ["previous", block.previousblockhash || "none (genesis)"], ["merkle root", block.merkleroot],
      ["time", new Date(block.time * 1000).toLocaleString()], ["target bits", block.targetbits], ["nonce", block.nonce],
      ["confirmations", block.confirmations], ["size", block.size + " bytes"], ["transactions", block.nTx]]),
    ...block.tx.map(describeTransaction));
}

async function showTransaction(txid) {
  selected = txid;
  const tx = await call("getrawtransaction", txid, true);
  $("detail-title").textContent = tx.blockhash ? "Transaction (confirmed)" : "Transaction (in the mempool)";
  $("detail").className = "";
  const where = tx.blockhash ? [["block", tx.blockhash], ["confirmations", tx.confirmations]] : [["state", "waiting for a miner"]];
  $("detail").replaceChildren(facts([["txid", tx.txid], ["size", tx.size + " bytes"], ...where]), describeTransaction(tx));
}

// Events: the list, and what each kind makes the page refresh.

function addEvent(event, fresh) {
  const item = el("li", { class: event.kind + (fresh ? " fresh" : ""), data: { id: event.id, kind: event.kind } },
    el("time", {}, new Date(event.time).toLocaleTimeString()), event.text);
  const list = $("events-list");
  list.prepend(item);
  while (list.children.length > 100) list.lastChild.remove();
}

const refreshers = { summary: refreshSummary, blocks: refreshBlocks, mempool: refreshMempool, alerts: refreshAlerts, peers: refreshPeers, graph: refreshGraph };
const pending = new Set();
let timer = null;
function schedule(...parts) {
  parts.forEach((p) => pending.add(p));
  if (timer) return;
  timer = setTimeout(async () => {
    timer = null;
    const parts = [...pending];
    pending.clear();
    await Promise.all(parts.map((p) => refreshers[p]().catch(showError)));
  }, 100);
}

const affects = {
  "block": ["summary", "blocks", "mempool", "peers", "graph"],
  "block-disconnected": ["summary", "blocks", "mempool"],
  "tx": ["summary", "mempool"],
  "peer-connected": ["summary", "peers", "graph"],
  "peer-disconnected": ["summary", "peers", "graph"],
  "misbehaving": ["peers"],
  "banned": ["summary", "peers", "graph"],
  "alert": ["alerts"],
};

function showError(error) { console.warn(error); }

function follow(afterId) {
  const source = new EventSource("/events?after=" + afterId);
  source.onopen = () => { $("live").textContent = "live"; $("live").className = "live on"; schedule(...Object.keys(refreshers)); };
  source.onerror = () => { $("live").textContent = "reconnecting…"; $("live").className = "live off"; };
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    addEvent(event, true);
    schedule(...(affects[event.kind] || ["summary"]));
  };
}

async function start() {
  await Promise.all(Object.values(refreshers).map((r) => r().catch(showError)));
  seen.first = false;
  const events = await call("getrecentevents").catch(() => []);
  events.forEach((e) => addEvent(e, false));
  follow(events.length ? events[events.length - 1].id : 0);
  // Pings, bytes and ages change without events.
  setInterval(() => schedule("summary", "peers", "mempool"), 5000);
}

start();
