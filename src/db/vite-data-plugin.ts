/**
 * Vite plugin: serves <root>/data/ at ./data/ in dev, and copies it to dist/data/ on build, so the app
 * fetches its dataset from its own origin (`dataDirFetcher('./data/')` in ./load-dataset.ts).
 *
 *   dataDirPlugin({ dir = 'data', extensions = ['.json', '.csv', '.arrow'] } = {}): Plugin
 *
 * Only top-level files with those extensions are served or copied (no subfolders, no dotfiles); a missing
 * file under /data/ answers 404 in dev instead of the SPA's index.html. Files are read on each request,
 * so `npm run data` output shows up without restarting the dev server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.stream',
};

export function dataDirPlugin(opts: { dir?: string; extensions?: string[] } = {}): Plugin {
  const extensions = opts.extensions ?? ['.json', '.csv', '.arrow'];
  let dataDir = path.resolve(opts.dir ?? 'data');

  const servable = (name: string): boolean =>
    !name.startsWith('.') && !name.includes('/') && !name.includes('\\') && extensions.includes(path.extname(name));

  const listFiles = (): string[] => {
    if (!fs.existsSync(dataDir)) return [];
    return fs
      .readdirSync(dataDir, { withFileTypes: true })
      .filter((e) => e.isFile() && servable(e.name))
      .map((e) => e.name)
      .sort();
  };

  return {
    name: 'perfatlas-data-dir',
    configResolved(config) {
      dataDir = path.resolve(config.root, opts.dir ?? 'data');
    },
    configureServer(server) {
      // A relative base ('./') is served at '/' in dev.
      const base = /^\/.*\/$/.test(server.config.base) ? server.config.base : '/';
      const prefix = `${base}data/`;
      server.middlewares.use((req, res, next) => {
        const url = req.url ? req.url.split('?')[0]! : '';
        if (!url.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        let name: string;
        try {
          name = decodeURIComponent(url.slice(prefix.length));
        } catch {
          name = '';
        }
        const file = path.join(dataDir, name);
        if (!servable(name) || path.dirname(file) !== dataDir || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end(`not found: data/${name}`);
          return;
        }
        res.statusCode = 200;
        res.setHeader('Content-Type', TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-cache');
        if (req.method === 'HEAD') {
          res.setHeader('Content-Length', String(fs.statSync(file).size));
          res.end();
          return;
        }
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      const files = listFiles();
      if (!files.length) {
        this.warn(`no dataset files in ${dataDir}: dist/data/ will be empty (run \`npm run data\`)`);
        return;
      }
      for (const name of files) {
        this.emitFile({ type: 'asset', fileName: `data/${name}`, source: fs.readFileSync(path.join(dataDir, name)) });
      }
    },
  };
}
