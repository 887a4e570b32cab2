// A signing secret for local use, generated once into .data/ so links keep working across restarts.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function localSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = `local:${randomBytes(32).toString('base64url')}`;
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}
