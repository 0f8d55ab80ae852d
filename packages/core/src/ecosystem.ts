/** The package ecosystems Palisade proxies, by their identifiers in configuration and URLs. */
export const ECOSYSTEMS = ['npm', 'pypi', 'go'] as const;

export type Ecosystem = (typeof ECOSYSTEMS)[number];

const OSV_NAMES = { npm: 'npm', pypi: 'PyPI', go: 'Go' } as const satisfies Record<Ecosystem, string>;

/** An ecosystem's name as OSV reports spell it in `affected[].package.ecosystem`. */
export type OsvEcosystemName = (typeof OSV_NAMES)[Ecosystem];

const BY_OSV_NAME = new Map<string, Ecosystem>(
  ECOSYSTEMS.map((ecosystem) => [OSV_NAMES[ecosystem], ecosystem]),
);

export function isEcosystem(value: string): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value);
}

export function osvEcosystemName(ecosystem: Ecosystem): OsvEcosystemName {
  return OSV_NAMES[ecosystem];
}

/**
 * The ecosystem an OSV ecosystem name stands for, or `undefined` for ecosystems Palisade
 * does not proxy. OSV names are case-sensitive (`PyPI`, not `pypi`).
 */
export function ecosystemFromOsvName(name: string): Ecosystem | undefined {
  return BY_OSV_NAME.get(name);
}
