/**
 * AES-256-CBC for encrypted notice frames (kis-protocol.md §6.4): key and IV are the UTF-8 bytes of
 * the ack's `key` (32 chars) and `iv` (16 chars) strings as-is, the payload is base64, PKCS7-padded.
 * A node Decipher is single-use, so what is reused is the key material (Buffers built once per ack).
 */
import { createDecipheriv } from 'node:crypto';

export class AesKey {
  readonly key: Buffer;
  readonly iv: Buffer;

  constructor(key: string, iv: string) {
    this.key = Buffer.from(key, 'utf8');
    this.iv = Buffer.from(iv, 'utf8');
    if (this.key.length !== 32) throw new RangeError(`AES-256 key must be 32 bytes, got ${this.key.length}`);
    if (this.iv.length !== 16) throw new RangeError(`AES IV must be 16 bytes, got ${this.iv.length}`);
  }

  /** Decrypts a base64 payload to UTF-8 text; throws on a bad padding or length. */
  decrypt(base64: string): string {
    const d = createDecipheriv('aes-256-cbc', this.key, this.iv);
    const data = Buffer.from(base64, 'base64');
    return Buffer.concat([d.update(data), d.final()]).toString('utf8');
  }
}
