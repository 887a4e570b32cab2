// The Lambda bundle with code splitting: each `import()` of the entry's graph becomes a chunk of its own
// (chunks/*.mjs beside index.mjs), loaded on the first call that needs it, so a cold start reads only what its
// first request uses. NodejsFunction writes one file (`--outfile`, which esbuild's splitting refuses), so
// KompisFunction's afterBundling hook runs this over its output; the bench (test/bench/coldstart.bench.ts)
// builds with the same options. Run: npx tsx infra/constructs/split-bundle.ts <entry> <outdir>
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** Some dependencies are CommonJS and call require(), which an ES module does not have: each chunk gets one. */
export const REQUIRE_BANNER = "import { createRequire as kompisCreateRequire } from 'node:module'; const require = kompisCreateRequire(import.meta.url);";

/** Prefer a package's ESM build ("module") over its CJS one: the SDK's ESM builds tree-shake far better. */
export const MAIN_FIELDS = ['module', 'main'];

/** KompisFunction's bundling, as esbuild options: ESM for Node 24, minified, linked source maps without sources, nothing external. */
export function splitBundleOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24', // as NodejsFunction derives it from Runtime.NODEJS_24_X
    mainFields: MAIN_FIELDS,
    banner: { js: REQUIRE_BANNER },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: [],
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'error',
  };
}

export async function splitBundle(entry: string, outdir: string, root = process.cwd()) {
  // NodejsFunction's single-file bundle is replaced, not kept beside the split one.
  for (const file of ['index.mjs', 'index.mjs.map']) rmSync(join(outdir, file), { force: true });
  return build({ ...splitBundleOptions(entry, outdir), absWorkingDir: root });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: split-bundle.ts <entry> <outdir>');
  await splitBundle(entry, outdir, fileURLToPath(new URL('../../', import.meta.url)));
}
