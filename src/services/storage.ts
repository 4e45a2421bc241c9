import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files live. Attachments go through this interface only, so that an object
 * store can take the local disk's place later.
 */
export interface ObjectStorage {
  /** Stores the stream under `key`; throws TooLarge past `maxBytes` (and keeps nothing). Returns the size. */
  save(key: string, data: Readable, maxBytes: number): Promise<number>;
  open(key: string): Readable;
  delete(key: string): Promise<void>;
}

export class TooLarge extends Error {}

/** Files under a directory, spread over two levels of sub-directories by the key's first characters. */
export class LocalStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (!/^[\w-]{3,}$/.test(key)) throw new Error(`invalid storage key: ${key}`);
    return join(this.root, key[0]!, key[1]!, key);
  }

  async save(key: string, data: Readable, maxBytes: number): Promise<number> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.part`;
    let size = 0;
    try {
      await pipeline(
        data,
        async function* limit(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) throw new TooLarge(`larger than ${maxBytes} bytes`);
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
      await rename(temp, target);
      return size;
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  open(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
