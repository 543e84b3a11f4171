import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../src-shared/errors.js';

/** A plain file name: no folders, no dot files, so `..` and friends never reach the disk. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.msi': 'application/x-msi',
  '.dmg': 'application/x-apple-diskimage',
  '.zip': 'application/zip',
  '.deb': 'application/vnd.debian.binary-package',
  '.rpm': 'application/x-rpm',
  '.appimage': 'application/octet-stream',
  '.blockmap': 'application/octet-stream',
  '.7z': 'application/x-7z-compressed',
};

/**
 * The electron-updater "generic" feed: `latest.yml` and the installers an
 * operator drops into `<data-dir>/updates/`, served as files. No listing.
 * Single byte ranges are honoured (resumed downloads); anything fancier gets
 * the whole file, which electron-updater accepts.
 */
export function registerUpdateFeed(app: FastifyInstance, updatesDir: string): void {
  const notFound = (reply: FastifyReply) => reply.status(404).type('application/json').send(new AppError('NOT_FOUND', 'error.not_found_route').toBody());

  app.get('/updates/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!FILE_NAME.test(file) || file.includes('..')) return notFound(reply);
    const root = fs.existsSync(updatesDir) ? fs.realpathSync(updatesDir) : null;
    if (!root) return notFound(reply);
    let full: string;
    try {
      full = fs.realpathSync(path.join(root, file));
    } catch {
      return notFound(reply);
    }
    if (path.dirname(full) !== root) return notFound(reply); // a symlink out of the folder
    const stat = fs.statSync(full);
    if (!stat.isFile()) return notFound(reply);

    reply.header('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    reply.header('Accept-Ranges', 'bytes');
    reply.header('Cache-Control', file.endsWith('.yml') ? 'no-cache' : 'public, max-age=3600');
    reply.header('Last-Modified', stat.mtime.toUTCString());

    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, stat.size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), stat.size - 1) : stat.size - 1;
      if (start > end || start >= stat.size) {
        return reply
          .status(416)
          .header('Content-Range', `bytes */${stat.size}`)
          .type('application/json')
          .send(new AppError('VALIDATION', 'error.bad_request').toBody());
      }
      reply
        .status(206)
        .header('Content-Range', `bytes ${start}-${end}/${stat.size}`)
        .header('Content-Length', end - start + 1);
      return reply.send(fs.createReadStream(full, { start, end }));
    }
    reply.header('Content-Length', stat.size);
    return reply.status(200).send(fs.createReadStream(full));
  });
}
