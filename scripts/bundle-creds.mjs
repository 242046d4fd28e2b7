// Bundles the warm path of `onramp creds` (dist/sso/creds-fast.js and the few modules it imports)
// into one CommonJS file that bin/onramp.js requires synchronously: credential_process runs before
// every AWS command, and loading one file instead of a graph of ES modules is most of what
// separates a cache hit from bare Node start-up (bench creds-warm).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/sso/creds-fast.js'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/creds-fast.cjs',
  logLevel: 'warning',
});
