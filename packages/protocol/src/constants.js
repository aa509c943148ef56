/**
 * The protocol's defaults and limits: a comment's limits (docs/protocol.md §3, spelled as the Java
 * `CommentLimits`), the network id, and every option of a client with its one default.
 */

/** The version of a comment without a stamp: eight fields. */
export const VERSION = 1
/** The version of a comment with a `nonce`, the field its author varies to stamp it (docs/protocol.md §3.9). */
export const VERSION_STAMPED = 2
/**
 * The version of a record (docs/protocol.md §3.10): a stamped comment with a `kind`, which may also
 * be a revision, a withdrawal or a reaction about another comment of the same page.
 */
export const VERSION_RECORDS = 3
/** The field only a version 3 record has. */
export const KIND = 'kind'
/** The kinds of a version 3 record. */
export const KINDS = Object.freeze(['comment', 'revision', 'withdrawal', 'reaction'])
/** What a reaction's text may be: one of the fixed set, or `none` to take one's reaction back. */
export const REACTIONS = Object.freeze(['useful', 'thanks', 'funny', 'insightful', 'none'])
/** The one text of a withdrawal. */
export const WITHDRAWN = 'withdrawn'
/** The largest nonce: 2^53 - 1, the largest whole number a JavaScript number holds exactly. */
export const MAX_NONCE = Number.MAX_SAFE_INTEGER
/** A comment file's bytes at most. */
export const MAX_FILE_BYTES = 16 * 1024
/** `author` in code points, at most. */
export const MAX_AUTHOR = 64
/** `text` in code points, at most. */
export const MAX_TEXT = 5000
/** The largest ts: 8.64e15 ms (+275760-09-13), the last instant a `Date` holds, so every valid comment can be shown. */
export const MAX_TS = 8_640_000_000_000_000
/** The fields every comment has; a version 2 comment also has NONCE, and only it. */
export const FIELDS = Object.freeze(['v', 'url', 'parent', 'author', 'text', 'ts', 'key', 'sig'])
/** The field only a version 2 comment has. */
export const NONCE = 'nonce'

/** The project's network id (docs/protocol.md §2): servers announce themselves under its CID. */
export const NETWORK_ID_HEX = 'ad0b9ac2297cda7ce4ba051a80ff68d80325b467e9cd1897495ab0e73e3d7cc6'

/**
 * Every option of the client, with its one default. A deployment changes only
 * `config.json` (served next to the page); anything it leaves out takes the value here.
 */
export const DEFAULT_CONFIG = Object.freeze({
  /** 32 bytes, hex. */
  networkId: NETWORK_ID_HEX,
  /** libp2p multiaddrs (with /p2p/<PeerID>) of servers' daemons to join the DHT through: `/dns4/…/tcp/443/wss/p2p/…`. */
  bootstrap: Object.freeze([]),
  /** The DHT protocol: kubo's public DHT; a loopback network has peers only on '/ipfs/lan/kad/1.0.0'. */
  dhtProtocol: '/ipfs/kad/1.0.0',
  /** Trustless gateways (`/ipfs/<cid>?format=car|raw`) to read folders from. */
  gateways: Object.freeze([]),
  /** Delegated Routing V1 endpoints (`/routing/v1/providers/<cid>`), the fallback when the DHT finds no server. */
  routers: Object.freeze([]),
  /**
   * Comment servers' API URLs to use before any that discovery finds, e.g. a test that
   * must read from one particular server. Production leaves it empty: servers are
   * found through the DHT.
   */
  servers: Object.freeze([]),
  /** Allow plain ws:// and http:// to loopback addresses (a local network); nothing else private is ever dialled. */
  allowLoopback: false,
  /** How long the DHT may look before the delegated routers are asked. */
  dhtTimeoutSeconds: 8,
  /** One HTTP request's limit (server API, gateway, router). */
  requestTimeoutSeconds: 10,
  /**
   * How many servers the page reads a folder from and compares (when the network has that many):
   * the reader sees the union of what verifies, and is told when one server lacks comments another
   * serves, so that no single server decides what is seen. Each is one more GET and CAR per read.
   */
  readServers: 2,
  /** While the tab is visible, look for new comments this often. */
  pollSeconds: 15,
  /** Servers remembered from a previous visit are trusted for a warm start this long (and refreshed in the background). */
  rememberServersHours: 24,
  /**
   * The least stamp (docs/protocol.md §3.9) this client gives a comment, whatever a server asks:
   * a community sets it to what its strictest server takes, so that every one of them keeps its
   * readers' comments. 0: what the server posted to asks for (its `GET /health`).
   */
  minStampBits: 0,
  /**
   * The most this client stamps (about 2^bits signatures: 20 bits is seconds to a minute in a
   * browser); a server that asks more is passed over, and the reader told why.
   */
  maxStampBits: 24,
  /**
   * Sites that may embed this client (client-site/README.md, "Embed the comments in your site";
   * docs/adr/014-embedding.md): origins such as `https://blog.example`, or `["*"]` for any. An
   * embedder is only ever shown the comments of its own pages (the page's URL must be on the
   * framing origin); `[]` refuses every embedder.
   */
  embedders: Object.freeze(['*'])
})
