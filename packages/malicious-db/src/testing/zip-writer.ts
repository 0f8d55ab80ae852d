import { crc32, deflateRawSync } from 'node:zlib';

/** An archive member for tests: a name and its contents. */
export interface ZipMember {
  readonly name: string;
  readonly text: string;
}

/**
 * A zip archive as OSV exports are: deflated members. With `zip64`, sizes and offsets are
 * written as ZIP64 (0xFFFFFFFF plus an extra field, and the ZIP64 end records), as large
 * exports (over 65,535 entries) must be.
 */
export function writeTestZip(members: readonly ZipMember[], options: { zip64?: boolean; store?: boolean } = {}): Buffer {
  const wide = options.zip64 === true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const data = Buffer.from(member.text, 'utf8');
    const packed = options.store ? data : deflateRawSync(data);
    const name = Buffer.from(member.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(options.store ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const extra = Buffer.alloc(wide ? 28 : 0);
    if (wide) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(options.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(wide ? 0xffffffff : packed.length, 20);
    central.writeUInt32LE(wide ? 0xffffffff : data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(wide ? 0xffffffff : offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name, extra);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const ends: Buffer[] = [];
  if (wide) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(members.length), 24);
    record.writeBigUInt64LE(BigInt(members.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    ends.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(wide ? 0xffff : members.length, 8);
  end.writeUInt16LE(wide ? 0xffff : members.length, 10);
  end.writeUInt32LE(wide ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(wide ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...ends, end]);
}
