import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts small secrets that must be read back (TOTP seeds) with AES-256-GCM under a key derived
 * from SECRET_KEY. Without a configured key one is generated once and kept in the data directory.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string, appDataPath: string) {
    this.key = createHash('sha256').update(secretKey || SecretBox.storedKey(appDataPath)).digest();
  }

  private static storedKey(appDataPath: string): string {
    const file = join(appDataPath, 'secret_key');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(appDataPath, { recursive: true });
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
  }

  open(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
    if (!iv || !tag || !body) throw new Error('malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
