/**
 * `onramp ui [FILE | --recipe NAME] [--port N]`: the initialization wizard in a browser. Serves on
 * 127.0.0.1 only; the printed URL carries the session token every API call must present. The
 * browser is opened only on a terminal with a display; the URL always works by hand.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { parseNumberFlag } from '../flags.js';
import { outputFor } from '../global-options.js';

function openBrowser(url: string): void {
  const hasDisplay = process.platform === 'darwin' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  if (!process.stdout.isTTY || !hasDisplay) return;
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no opener installed: the printed URL is enough
  child.unref();
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('the initialization wizard in a browser (127.0.0.1 only)')
    .argument('[file]', 'blueprint to offer besides the recipes')
    .option('--recipe <name>', 'preselect this recipe')
    .option('--port <n>', 'port to listen on (default: a free one)', '0')
    .action(async (file: string | undefined, flags: { recipe?: string; port: string }, cmd: Command) => {
      const out = outputFor(cmd);
      const port = parseNumberFlag('--port', flags.port, { min: 0, max: 65535 });
      if (flags.recipe) {
        const { findRecipe } = await import('../../recipes/catalog.js');
        findRecipe(flags.recipe); // ONR-E150 with a suggestion, before anything listens
      }
      const { startUiServer } = await import('../../ui/server.js');
      const server = await startUiServer({ port, file, recipe: flags.recipe });
      out.line(server.url);
      out.log('(the token in the URL is this session’s key; press Ctrl+C to stop)');
      openBrowser(server.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.stop().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
