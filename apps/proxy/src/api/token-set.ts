import { createHash, timingSafeEqual } from 'node:crypto';

/** A token and the name it stands for. */
export interface NamedToken {
  readonly name: string;
  readonly token: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Tokens compared in constant time: the presented token's SHA-256 is compared with each
 * listed token's SHA-256 by `timingSafeEqual`, every one of them whatever matched, so the
 * time taken tells nothing of a token's length, its characters, or which one matched.
 */
export class TokenSet {
  readonly #hashes: readonly { readonly name: string; readonly hash: Buffer }[];

  constructor(tokens: readonly NamedToken[]) {
    this.#hashes = tokens.map(({ name, token }) => ({ name, hash: sha256(token) }));
  }

  get size(): number {
    return this.#hashes.length;
  }

  /** The name of the token presented, or undefined when it is none of them. */
  identify(presented: string | undefined): string | undefined {
    if (presented === undefined) return undefined;
    const hash = sha256(presented);
    let found: string | undefined;
    for (const listed of this.#hashes) {
      if (timingSafeEqual(hash, listed.hash) && found === undefined) found = listed.name;
    }
    return found;
  }
}

const BEARER = /^Bearer +([!-~]+) *$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;
/** Longer headers are not read: no listed token comes near this. */
const MOST_AUTHORIZATION = 4096;

/** The token an `Authorization` header carries: a bearer token, or the password of Basic credentials (whatever the user name). */
export function presentedToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.length > MOST_AUTHORIZATION) return undefined;
  const bearer = BEARER.exec(authorization);
  if (bearer) return bearer[1];
  const basic = BASIC.exec(authorization);
  if (!basic?.[1]) return undefined;
  const pair = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon < 0 ? undefined : pair.slice(colon + 1);
}

/** The bearer token of an `Authorization` header, and nothing else. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.length > MOST_AUTHORIZATION) return undefined;
  return BEARER.exec(authorization)?.[1];
}
