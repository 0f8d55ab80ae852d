// A synthetic PyPI project page shaped like pypi.org's, in both forms (PEP 691 JSON with its
// keys sorted and PEP 503 HTML, as pypi.org renders them), deterministic for a given size,
// for the PyPI benchmarks: per version four platform wheels and an sdist with realistic
// names, blake2b-style file paths, SHA-256 hashes, requires-python, PEP 658 metadata
// hashes on wheels, size and upload time (PEP 700), and every 150th version yanked.
import { createHash } from 'node:crypto';

/** One file as the generator lists it. */
export interface SyntheticFile {
  readonly filename: string;
  readonly version: string;
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
}

export interface SyntheticPypiPage {
  /** The normalised project name. */
  readonly project: string;
  /** Versions in page order (ascending). */
  readonly versions: readonly string[];
  readonly files: readonly SyntheticFile[];
  /** PEP 691 JSON as pypi.org writes it (compact, keys sorted). */
  readonly json: string;
  /** PEP 503 HTML as pypi.org writes it. */
  readonly html: string;
}

export interface SyntheticPageOptions {
  /** Where files live, no trailing slash (default `https://files.pythonhosted.org`). */
  readonly fileOrigin?: string;
  /** Real files to list instead of generated hashes and sizes, by file name. */
  readonly actual?: ReadonlyMap<string, { readonly sha256: string; readonly size: number }>;
}

/** Files listed per version: four platform wheels and an sdist. */
export const FILES_PER_VERSION = 5;
const hex = (seed: string) => createHash('sha256').update(seed).digest('hex');
const PLATFORMS = [
  'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64',
  'cp312-cp312-macosx_11_0_arm64',
  'cp312-cp312-win_amd64',
];

/** `count` distinct versions ascending: `major.minor.patch`, a beta before every 25th patch release. */
function versionList(count: number): string[] {
  const versions: string[] = [];
  for (let i = 0; versions.length < count; i++) {
    const release = `${1 + Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}`;
    if (i % 25 === 7 && versions.length + 1 < count) versions.push(`${release}b1`);
    versions.push(release);
  }
  return versions;
}

/** Generates a page of `versionCount` versions, five files each. */
export function syntheticPypiPage(project: string, versionCount: number, options: SyntheticPageOptions = {}): SyntheticPypiPage {
  const origin = options.fileOrigin ?? 'https://files.pythonhosted.org';
  const distribution = project.replace(/-/g, '_');
  const versions = versionList(versionCount);
  const files: SyntheticFile[] = [];
  const jsonFiles: string[] = [];
  const anchors: string[] = [];
  for (const [index, version] of versions.entries()) {
    const requiresPython = `>=3.${8 + (Math.floor(index / 400) % 5)}`;
    const yanked = index % 150 === 149 ? (index % 300 === 299 ? 'broken wheel tags' : true) : false;
    const names = [...PLATFORMS.map((platform) => `${distribution}-${version}-${platform}.whl`), `${distribution}-${version}.tar.gz`];
    for (const [n, filename] of names.entries()) {
      const path = hex(`path ${filename}`);
      const url = `${origin}/packages/${path.slice(0, 2)}/${path.slice(2, 4)}/${path.slice(4, 64)}/${filename}`;
      const actual = options.actual?.get(filename);
      const sha256 = actual?.sha256 ?? hex(filename);
      const size = actual?.size ?? 4_000_000 + ((index * 7919 + n * 104_729) % 12_000_000);
      const metadata = n < PLATFORMS.length ? hex(`metadata ${filename}`) : undefined;
      const uploaded = new Date(Date.UTC(2015, 0, 1) + index * 86_400_000 + n * 61_000).toISOString().replace('Z', '123Z');
      files.push({ filename, version, url, sha256, size });
      const metadataJson = metadata === undefined ? 'false' : `{"sha256":"${metadata}"}`;
      jsonFiles.push(
        `{"core-metadata":${metadataJson},"data-dist-info-metadata":${metadataJson},"filename":${JSON.stringify(filename)},"hashes":{"sha256":"${sha256}"},` +
          `"provenance":null,"requires-python":${JSON.stringify(requiresPython)},"size":${size},"upload-time":"${uploaded}","url":${JSON.stringify(url)},"yanked":${JSON.stringify(yanked)}}`,
      );
      const yankedAttribute = yanked === false ? '' : ` data-yanked="${yanked === true ? '' : yanked}"`;
      const metadataAttributes = metadata === undefined ? '' : ` data-dist-info-metadata="sha256=${metadata}" data-core-metadata="sha256=${metadata}"`;
      anchors.push(`    <a href="${url}#sha256=${sha256}" data-requires-python="${requiresPython.replace('>', '&gt;')}"${yankedAttribute}${metadataAttributes}>${filename}</a><br />`);
    }
  }
  const serial = 20_000_000 + versionCount;
  const json = `{"alternate-locations":[],"files":[${jsonFiles.join(',')}],"meta":{"_last-serial":${serial},"api-version":"1.3"},"name":${JSON.stringify(project)},"project-status":{"status":"active"},"versions":${JSON.stringify(versions)}}`;
  const html = [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.3">',
    '    <meta name="pypi:project-status" content="active">',
    `    <title>Links for ${project}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${project}</h1>`,
    ...anchors,
    '  </body>',
    '</html>',
    `<!--SERIAL ${serial}-->`,
  ].join('\n');
  return { project, versions, files, json, html };
}
