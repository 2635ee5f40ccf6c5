/**
 * Loopback static server for the benchmark: dist/ at /, synthetic datasets (.bench/data/<name>/) at
 * /bench-data/<name>/, the bare DuckDB page (.bench/bare-dist/) at /bare/. Files are streamed (datasets reach
 * hundreds of MB). 127.0.0.1 only, random port.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveBench(roots: { dist: string; data: string; bare: string }): Promise<BenchServer> {
  const mounts: [string, string][] = [
    ['/bench-data/', roots.data],
    ['/bare/', roots.bare],
    ['/', roots.dist],
  ];
  const server: Server = createServer(async (req, res) => {
    try {
      let rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      if (rel.endsWith('/')) rel += 'index.html';
      const [prefix, root] = mounts.find(([p]) => rel.startsWith(p))!;
      const file = path.resolve(root, rel.slice(prefix.length));
      if (!file.startsWith(path.resolve(root) + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const st = await stat(file).catch(() => null);
      if (!st?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no server address');
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
