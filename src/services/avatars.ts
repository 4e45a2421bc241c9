import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { imageSize } from 'image-size';
import { countUsersWithAvatar, updateUser, type User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { invalid } from './errors.js';
import { identiconPng } from './identicon.js';

const ACCEPTED: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const UPLOADED = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type AvatarImage = { contentType: string; immutable: boolean } & ({ body: Buffer } | { stream: Readable });

/**
 * Avatars of users and organisations: uploaded images stored by content hash under
 * [picture] AVATAR_UPLOAD_PATH, and generated identicons for everyone else.
 */
export class AvatarService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Stores a base64-encoded PNG, JPEG, GIF or WebP image within the configured limits. */
  async upload(account: User, base64: string): Promise<void> {
    const image = this.decode(base64);
    const digest = createHash('sha256').update(image).digest('hex');
    const dir = this.ctx.config.picture.avatarUploadPath;
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${digest}.${process.pid}.tmp`);
    await writeFile(temp, image);
    await rename(temp, join(dir, digest));
    await this.replace(account, digest);
  }

  async remove(account: User): Promise<void> {
    await this.replace(account, '');
  }

  /** The image behind an avatar URL: the uploaded file when there is one, else an identicon. */
  async read(name: string): Promise<AvatarImage> {
    if (UPLOADED.test(name)) {
      const path = join(this.ctx.config.picture.avatarUploadPath, name);
      const contentType = await sniff(path);
      if (contentType) return { contentType, immutable: true, stream: createReadStream(path) };
    }
    return { contentType: 'image/png', immutable: false, body: identiconPng(name) };
  }

  private decode(base64: string): Buffer {
    const text = base64.replace(/\s+/g, '');
    if (!text || !BASE64.test(text)) throw invalid('image must be base64 encoded');
    const { avatarMaxFileSize, avatarMaxWidth, avatarMaxHeight } = this.ctx.config.picture;
    if ((text.length * 3) / 4 > avatarMaxFileSize + 2) throw invalid(`avatar is larger than ${avatarMaxFileSize} bytes`);
    const image = Buffer.from(text, 'base64');
    let size: ReturnType<typeof imageSize>;
    try {
      size = imageSize(image);
    } catch {
      throw invalid('avatar is not a PNG, JPEG, GIF or WebP image');
    }
    if (!size.type || !ACCEPTED[size.type]) throw invalid('avatar is not a PNG, JPEG, GIF or WebP image');
    if (size.width > avatarMaxWidth || size.height > avatarMaxHeight) {
      throw invalid(`avatar is ${size.width}×${size.height} pixels; at most ${avatarMaxWidth}×${avatarMaxHeight} are accepted`);
    }
    return image;
  }

  /** Points the account at a new avatar and deletes the old file once no account uses it. */
  private async replace(account: User, digest: string): Promise<void> {
    const old = account.avatar;
    await updateUser(this.ctx.q, account.id, { avatar: digest });
    this.ctx.credentialsChanged(); // cached principals carry the account, avatar included
    if (old && old !== digest && (await countUsersWithAvatar(this.ctx.q, old)) === 0) {
      await rm(join(this.ctx.config.picture.avatarUploadPath, old), { force: true });
    }
  }
}

/** The image type of a stored avatar from its first bytes, or undefined when it is missing. */
async function sniff(path: string): Promise<string | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(12);
    await file.read(head, 0, 12, 0);
    if (head[0] === 0x89 && head.toString('latin1', 1, 4) === 'PNG') return ACCEPTED.png;
    if (head[0] === 0xff && head[1] === 0xd8) return ACCEPTED.jpg;
    if (head.toString('latin1', 0, 4) === 'GIF8') return ACCEPTED.gif;
    if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return ACCEPTED.webp;
    return 'application/octet-stream';
  } finally {
    await file.close();
  }
}
