#!/usr/bin/env node
// The published entry point runs the compiled CLI (built by `npm ci` through the prepare script).
// It is CommonJS (bin/package.json) so that the credential_process path below loads one file,
// synchronously, before anything else. Onramp supports Node >= 20; the SDK's notice about its own
// future Node floor is noise on every command, so it is silenced unless the user set the variable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const argv = process.argv.slice(2);

// `onramp creds` runs as credential_process before every AWS command: answer a warm cache without
// loading the CLI or the AWS SDK (dist/creds-fast.cjs, bundled from dist/sso/creds-fast.js by
// scripts/bundle-creds.mjs); any miss falls through to the full CLI.
function fast() {
  if (argv[0] !== 'creds') return false;
  try {
    const out = require('../dist/creds-fast.cjs').fastCreds(argv.slice(1), process.env);
    if (out === undefined) return false;
    process.stdout.write(out);
    return true;
  } catch {
    // The full CLI reports whatever went wrong.
    return false;
  }
}

if (!fast()) {
  import('../dist/cli/main.js').then(async ({ main }) => {
    process.exitCode = await main(argv);
  });
}
