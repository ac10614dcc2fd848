// The built site on http://localhost:$E2E_PORT (default 4321): reuses a server that already
// answers there, or starts `astro preview` and returns a function that stops it again.
import { spawn } from 'node:child_process';

export const port = process.env.E2E_PORT ?? '4321';
export const base = `http://localhost:${port}`;

async function up() {
  try {
    return (await fetch(base)).ok;
  } catch {
    return false;
  }
}

/** Makes sure the preview answers; the returned `stop()` ends it if this call started it. */
export async function ensurePreview() {
  if (await up()) return () => {};
  const server = spawn('npm', ['exec', '--', 'astro', 'preview', '--port', port], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 60 && !(await up()); i++) await new Promise((r) => setTimeout(r, 500));
  if (!(await up())) throw new Error(`astro preview did not answer on ${base} (run npm run build first)`);
  return () => process.kill(-server.pid);
}
