/**
 * Whether a browser can be opened here, and opening one. A browser is never required: sign-in
 * always prints its URL (and user code) so the person can open it anywhere.
 */
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import type { Env } from './paths.js';

/**
 * No local browser: an SSH session (the browser would open on the remote host, if at all), or a
 * Linux/BSD machine without an X11 or Wayland display. The device-code flow suits these: the code
 * can be approved on any other device.
 */
export function isHeadless(env: Env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return true;
  if (platform === 'darwin' || platform === 'win32') return false;
  return !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/** The command that opens `url`: $BROWSER first (Python's webbrowser convention), else the OS's opener. */
export function browserCommand(
  url: string,
  env: Env,
  platform: NodeJS.Platform = process.platform,
): { file: string; args: string[] } {
  // $BROWSER is a list of commands separated like PATH; `%s` stands for the URL, else it is appended.
  const custom = env.BROWSER?.split(delimiter).find((c) => c.trim() !== '');
  if (custom) {
    const words = custom.trim().split(/\s+/);
    const args = words.slice(1).map((w) => w.replaceAll('%s', url));
    if (!custom.includes('%s')) args.push(url);
    return { file: words[0], args };
  }
  if (platform === 'darwin') return { file: 'open', args: [url] };
  // rundll32 takes the URL as one argument; `start` would re-parse & and ^ through cmd.exe.
  if (platform === 'win32') return { file: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { file: 'xdg-open', args: [url] };
}

/** Opens the URL without waiting for the browser; resolves false if the opener could not start. */
export function openBrowser(
  url: string,
  env: Env,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  const { file, args } = browserCommand(url, env, platform);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, { stdio: 'ignore', detached: true, env: { ...process.env, ...env } });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
