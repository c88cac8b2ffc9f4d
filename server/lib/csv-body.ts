import type { FastifyInstance } from 'fastify';
import { IMPORT_LIMIT } from '../contracts/imports.ts';

/** A CSV file arrives as its own text, up to the import limit: only in the plugin that reads one. */
export function acceptCsv(app: FastifyInstance) {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));
}
