import { createHash } from 'node:crypto';
import { failure, printable, success, type Result } from '@palisade/core';

/** A credential clients may present on package routes, and the identity the request log names them by. */
export interface ClientToken {
  readonly name: string;
  readonly token: string;
}

/** Visible ASCII without spaces or commas, 16 to 512 characters: what a bearer token and a Basic password can both carry. */
const SECRET = /^[!-+\--~]{16,512}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const MOST_CLIENT_TOKENS = 1000;
const SECRET_RULE = '16-512 visible ASCII characters, no spaces or commas';

/** A value as problems name it: never a secret itself, only its length. */
const described = (value: unknown) =>
  typeof value === 'string' ? `a value of ${value.length} character${value.length === 1 ? '' : 's'} (not shown)` : `a ${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value} value`;

/** The operator API's bearer token. */
export function parseAdminToken(value: unknown): Result<string> {
  if (typeof value === 'string' && SECRET.test(value)) return success(value);
  return failure(`${described(value)} is not a token (${SECRET_RULE})`);
}

/** The identity logged for a token given without a name: `token-` and the first 8 hex digits of its SHA-256. */
export function unnamedTokenIdentity(token: string): string {
  return `token-${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8)}`;
}

/**
 * Client tokens: a comma-separated string (the environment) or an array of strings (the
 * file), each `token` or `name:token`. The name is what the request log records as the
 * client's identity; a token given without one is logged as `token-<8 hex digits of its
 * SHA-256>`. A token that itself contains `:` must be given with a name. The same token
 * twice is refused.
 */
export function parseClientTokens(value: unknown): Result<ClientToken[]> {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  const refuse = (problem: string) => failure(`${described(value)} is not a list of client tokens ("name:token" or "token", separated by commas): ${problem}`);
  if (!Array.isArray(items)) return refuse('neither a string nor a list of strings');
  if (items.length > MOST_CLIENT_TOKENS) return refuse(`${items.length} tokens are more than ${MOST_CLIENT_TOKENS}`);
  if (items.length === 0) return refuse('the list is empty');
  const tokens: ClientToken[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = clientToken(item);
    if (!parsed.ok) return refuse(`token ${index + 1}: ${parsed.error}`);
    if (tokens.some((known) => known.token === parsed.value.token)) return refuse(`token ${index + 1}: the same token is listed twice`);
    tokens.push(parsed.value);
  }
  return success(tokens);
}

function clientToken(item: unknown): Result<ClientToken> {
  if (typeof item !== 'string' || item === '') return failure(`${described(item)} is not "name:token" or "token"`);
  const colon = item.indexOf(':');
  if (colon < 0) return SECRET.test(item) ? success({ name: unnamedTokenIdentity(item), token: item }) : failure(`the token is not ${SECRET_RULE}`);
  const name = item.slice(0, colon);
  const token = item.slice(colon + 1);
  if (!NAME.test(name)) return failure(`the name "${printable(name, 64)}" is not 1-64 letters, digits and ._@- (starting with a letter or digit)`);
  if (!SECRET.test(token)) return failure(`the token of ${name} is not ${SECRET_RULE}`);
  return success({ name, token });
}
