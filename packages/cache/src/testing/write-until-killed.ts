// Child process for the crash test: writes one entry over and over, its body alternating
// between two 4 MiB contents (continuing from the entry it finds), until it is killed.
import { DiskStore } from '../disk-store.ts';
import { info, key } from './entries.ts';

const root = process.argv[2] as string;
const store = await DiskStore.open({ root, maxBytes: 1 << 30 });
const contents = ['A', 'B'].map((letter) => Buffer.alloc(4 << 20, letter));
async function* slowly(body: Buffer): AsyncIterable<Uint8Array> {
  for (let i = 0; i < body.length; i += 256 << 10) {
    await new Promise((resolve) => setImmediate(resolve));
    yield body.subarray(i, i + (256 << 10));
  }
}
const found = await store.get(key('pkg', 'tarball'));
for (let round = found ? found.meta.storedAt + 1 : 0; ; round++) {
  await store.put(info(key('pkg', 'tarball'), { storedAt: round }), slowly(contents[round % 2] as Buffer));
  process.stdout.write(`wrote ${round}\n`);
}
