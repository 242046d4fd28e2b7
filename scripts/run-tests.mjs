#!/usr/bin/env node
// Runs every *.test.ts under the given folders (default: src) with Node's test runner through tsx.
// Node 20's runner does not expand globs, so the files are collected here.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = (roots.length ? roots : ['src'])
  .flatMap((root) =>
    root.endsWith('.ts')
      ? [root]
      : readdirSync(root, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.test.ts') && !f.split('/').includes('node_modules'))
          .map((f) => join(root, f)),
  )
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'src'}`);
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...passThrough, ...files],
  { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
