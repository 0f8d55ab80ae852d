/**
 * One project page of the Simple repository API, in either form: PEP 503 HTML or PEP 691
 * JSON. Every key that PEP 691, 700, 708, 714, 740 and 792 define is kept, so a page read in
 * one form and written in the other loses nothing the second form can carry.
 */
export interface SimplePage {
  /** The project name as the index gives it (`name` in JSON, `Links for <name>` in HTML). */
  readonly name: string;
  readonly meta: SimpleMeta;
  /** Every published version, files or not (PEP 700; JSON only). */
  readonly versions?: readonly string[];
  /** Other repositories that may serve this project (PEP 708 `alternate-locations`). */
  readonly alternateLocations?: readonly string[];
  /** The project's status marker (PEP 792 `project-status`). */
  readonly projectStatus?: ProjectStatus;
  readonly files: readonly SimpleFile[];
}

/** The page's `meta` object (HTML: `<meta name="pypi:...">` tags and the `SERIAL` comment). */
export interface SimpleMeta {
  /** `api-version` (JSON) or `pypi:repository-version` (HTML), such as `1.1`. */
  readonly apiVersion: string;
  /** PyPI's `_last-serial` (HTML: `<!--SERIAL n-->`). */
  readonly lastSerial?: number;
  /** Repositories this one tracks (PEP 708 `tracks`). */
  readonly tracks?: readonly string[];
}

/** PEP 792 status: `active`, `archived`, `quarantined`, `deprecated` (others kept as given). */
export interface ProjectStatus {
  readonly status: string;
  readonly reason?: string;
}

/** One distribution file of a project page. */
export interface SimpleFile {
  readonly filename: string;
  /** Absolute when the page was read with its URL; without the hash fragment (see `hashes`). */
  readonly url: string;
  /** Hash name (`sha256`) to lower-case hex digest (HTML: the URL fragment `#sha256=...`). */
  readonly hashes: Readonly<Record<string, string>>;
  /** `requires-python` / `data-requires-python`, such as `>=3.8`. */
  readonly requiresPython?: string;
  /** `true` when yanked without a reason, the reason when one is given. */
  readonly yanked?: boolean | string;
  /**
   * Whether the file's core metadata is served at `<url>.metadata` (PEP 658/714), with its
   * hashes when known. Read from `core-metadata` or the older `dist-info-metadata` keys.
   */
  readonly coreMetadata?: boolean | Readonly<Record<string, string>>;
  /** `gpg-sig` / `data-gpg-sig`: whether a `.asc` signature exists. */
  readonly gpgSig?: boolean;
  /** Size in bytes (PEP 700; JSON only). */
  readonly size?: number;
  /** ISO 8601 upload time (PEP 700; JSON only), such as `2024-01-02T03:04:05.123456Z`. */
  readonly uploadTime?: string;
  /** URL of the file's provenance (PEP 740 `provenance` / `data-provenance`). */
  readonly provenance?: string;
}
