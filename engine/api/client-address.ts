/**
 * The client address login throttling counts by (engine/identity/login-throttle.ts): the TCP peer, or what a proxy
 * named in TRUST_PROXY says it is (express's `req.ip`), or — for the web apps' own routes, whose server code checks
 * a user's credentials by calling /v2 over loopback — the address the web layer saw, sent in
 * `X-Web-Client-Address`. That header is believed only with the forwarder secret in `X-Web-Forwarder-Secret`: a
 * random value made per process by a server that mounts web apps (engine/server.ts) and handed to them, never
 * written anywhere; a server without them has none. Believing it from any loopback caller would let every local process pick a fresh address per
 * guess and escape the per-address count; without the secret both headers are ignored and the peer counts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Lower case, as node gives header names; web-shared/server/current-user.ts sends the same two. */
export const CLIENT_ADDRESS_HEADER = 'x-web-client-address';
export const FORWARDER_SECRET_HEADER = 'x-web-forwarder-secret';

/**
 * The address a request's password check counts against; undefined (the check refused unchecked) when the socket has
 * none any more, or when the web layer, with the right secret, named none it could use.
 */
export type ClientAddressOf = (req: Request) => string | undefined;

/** Longer than any address a proxy writes; a longer value is not believed. */
const MAX_ADDRESS_LENGTH = 256;

/** Without a secret nobody may forward an address: every request counts as `req.ip`. */
export function clientAddressOf(forwarderSecret: string | undefined): ClientAddressOf {
  if (forwarderSecret === undefined) return (req) => req.ip;
  const expected = digest(forwarderSecret);
  return (req) => {
    const forwarded = req.headers[CLIENT_ADDRESS_HEADER];
    const secret = req.headers[FORWARDER_SECRET_HEADER];
    if (typeof secret !== 'string') return req.ip;
    // digests of equal length, so that the comparison takes the same time whatever the guess
    if (!timingSafeEqual(digest(secret), expected)) return req.ip;
    // From the web layer the value is its own `req.ip`: with TRUST_PROXY that is whatever the proxy wrote, not always an
    // IP (`203.0.113.5:41234`, `unknown`), so it is passed on as it came (the login throttle keys an IP by its address
    // or /64 and anything else as it is). Never the peer instead: that is the web layer's loopback, which the workers'
    // checks share. No usable value: no address, and the check is refused unchecked.
    return typeof forwarded === 'string' && forwarded !== '' && forwarded.length <= MAX_ADDRESS_LENGTH ? forwarded : undefined;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
