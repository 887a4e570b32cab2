// Raw received mail in S3, where the SES receipt rule's S3 action put it (key = prefix + message id).
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../core/ports.js';

export class S3RawMail implements RawMailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async get(messageId: string): Promise<Buffer> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: `${this.prefix}${messageId}` }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async delete(messageId: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: `${this.prefix}${messageId}` }));
  }
}
