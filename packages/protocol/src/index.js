/**
 * @packageDocumentation
 *
 * The protocol of "comments for any web page" in JavaScript, shared by the client site and
 * the Chrome extension: the page key (URL normalization and urlHash), comment ids (CIDs),
 * canonical JSON and base64url, the comment rules with their rejection codes, reading,
 * checking and signing comments, the shape of the published tree, the client's config,
 * finding servers, and the server API (`GET /{urlHash}`, `POST /{urlHash}`, `GET /health`).
 * It needs nothing but `URL`, `TextEncoder`, `fetch` and `crypto.subtle`.
 */

export {
  VERSION, VERSION_STAMPED, VERSION_RECORDS, KIND, KINDS, REACTIONS, WITHDRAWN, MAX_FILE_BYTES, MAX_AUTHOR, MAX_TEXT, MAX_TS, MAX_NONCE, FIELDS, NONCE,
  NETWORK_ID_HEX, DEFAULT_CONFIG
} from './constants.js'
export { UrlRefusedError, InvalidCommentError, ConfigError, NoServerError, PostError } from './errors.js'

export { TRACKING_PARAMS, normalizeUrl, urlHashOf, pageKey, isUrlHash } from './url-hash.js'
export { MAX_TITLE, MAX_LINK_URL, pageFragment, pageLinkOf, parsePageFragment, checkPageLink } from './page-link.js'
export { CODEC, rawCidOf, rawCidFromDigest, digestOfRawCid, isCommentId, isRawCidOf, parseCid } from './cid.js'
export { encodeBase64Url, decodeBase64Url } from './base64url.js'
export { canonicalJson, canonicalBytes } from './canonical-json.js'
export { REJECTIONS, codePointLength } from './comment-rules.js'
export {
  signedBytes, fileBytes, parseComment, verifyComment, verifyPost, verifyFile, signComment, unsignedComment,
  checkUnsigned, signatureOf, ed25519Verify
} from './comment.js'
export { stampBits, leadingZeroBits, stampComment } from './stamp.js'
export { classifyPageEntry, classifyRootEntry } from './tree.js'
export { applyRecords } from './records.js'
export { MAX_MUTE_LIST_BYTES, MAX_MUTES, MUTE_LIST_KIND, MUTE_LIST_CODES, MuteListError, verifyMuteList, signMuteList } from './mute-list.js'

export { loadConfig, mergeConfig } from './config.js'
export { isLoopbackHost, isPrivateHost, parseAddress, dialAllowed, apiUrlOf, apiUrlsOf } from './discovery/addresses.js'
export { DHT_GRACE_MS, discoverServers } from './discovery/discover.js'
export { findProvidersDelegated } from './discovery/find-providers-delegated.js'
export { ServerList } from './discovery/server-list.js'

export { getFolder } from './api/get-folder.js'
export { postComment } from './api/post-comment.js'
export { checkHealth, stampMinBitsOf } from './api/health.js'
export { BodyTooLargeError, MAX_JSON_ANSWER_BYTES, readLimited, readBytesLimited, readTextLimited, readJsonLimited } from './api/read-limited.js'
