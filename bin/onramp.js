#!/usr/bin/env node
// The published entry point runs the compiled CLI (built by `npm ci` through the prepare script).
// Onramp supports Node >= 20; the SDK's notice about its own future Node floor is noise on every
// command, so it is silenced unless the user set the variable themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const argv = process.argv.slice(2);
// `onramp creds` runs as credential_process before every AWS command: answer a warm cache without
// loading the CLI or the AWS SDK (dist/sso/creds-fast.js); any miss falls through to the full CLI.
let answered = false;
if (argv[0] === 'creds') {
  try {
    const { fastCreds } = await import('../dist/sso/creds-fast.js');
    const out = fastCreds(argv.slice(1), process.env);
    if (out !== undefined) {
      process.stdout.write(out);
      answered = true;
    }
  } catch {
    // The full CLI reports whatever went wrong.
  }
}
if (!answered) {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
}
