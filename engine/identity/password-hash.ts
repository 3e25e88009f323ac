/**
 * Password hashes with scrypt from node:crypto (memory-hard; no native dependency). Stored as
 * `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), so the cost can rise later without breaking stored hashes.
 * Hashing runs on the libuv thread pool: a login never blocks the engine's event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a malformed hash (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length).catch(
    () => undefined,
  );
  return actual !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

let unknownUser: Promise<string> | undefined;

/** A hash of a random password, checked when the user does not exist, so that both cases take as long. */
export function unknownUserHash(): Promise<string> {
  unknownUser ??= hashPassword(randomBytes(16).toString('base64url'));
  return unknownUser;
}

// helpers

function derive(password: string, salt: Buffer, cost: ScryptOptions, length = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
