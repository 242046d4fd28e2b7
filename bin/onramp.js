#!/usr/bin/env node
// The published entry point runs the compiled CLI (built by `npm ci` through the prepare script).
// Onramp supports Node >= 20; the SDK's notice about its own future Node floor is noise on every
// command, so it is silenced unless the user set the variable themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
