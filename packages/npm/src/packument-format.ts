/** The media type of a full packument, which `npm install` and `npm view` ask for. */
export const FULL_PACKUMENT_TYPE = 'application/json';

/** The media type of an abbreviated ("corgi") packument, which pnpm and `npm audit` ask for. */
export const ABBREVIATED_PACKUMENT_TYPE = 'application/vnd.npm.install-v1+json';

// An Accept header longer than this is not a client's: it is read as asking nothing special.
const MAX_ACCEPT_LENGTH = 4096;

/**
 * Which packument a client asked for through its `Accept` header. Abbreviated only when
 * `application/vnd.npm.install-v1+json` is named explicitly (as the registry does: a bare
 * `* / *` gets the full document) with a quality at least that of `application/json`.
 * A missing, empty or unreadable header gets the full document.
 */
export function packumentFormat(accept: string | undefined): 'full' | 'abbreviated' {
  if (accept === undefined || accept.length > MAX_ACCEPT_LENGTH) return 'full';
  let abbreviated: number | undefined;
  let json: number | undefined;
  let wildcard: number | undefined;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';');
    const mediaType = type.trim().toLowerCase();
    const q = quality(parameters);
    if (mediaType === ABBREVIATED_PACKUMENT_TYPE) abbreviated = Math.max(abbreviated ?? 0, q);
    else if (mediaType === FULL_PACKUMENT_TYPE) json = Math.max(json ?? 0, q);
    else if (mediaType === 'application/*' || mediaType === '*/*') wildcard = Math.max(wildcard ?? 0, q);
  }
  if (abbreviated === undefined || abbreviated === 0) return 'full';
  return abbreviated >= (json ?? wildcard ?? 0) ? 'abbreviated' : 'full';
}

/** The `q` parameter of a media range: 1 when absent, 0 when unreadable (RFC 9110 12.4.2). */
function quality(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [key = '', value = ''] = parameter.split('=');
    if (key.trim().toLowerCase() !== 'q') continue;
    const text = value.trim();
    if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text)) return 0;
    return Number(text);
  }
  return 1;
}
