import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser's protocol and address, also when the request comes from our own SSR. */
    client: { protocol: 'http' | 'https'; ip: string; viaBridge: boolean };
  }
}

export const BRIDGE_HEADER = 'x-samverkan-bridge';
export const BRIDGE_PROTO_HEADER = 'x-samverkan-proto';
export const BRIDGE_IP_HEADER = 'x-samverkan-ip';

/**
 * Server-side rendering calls the API in-process. Those calls carry the browser's protocol and
 * address in headers that are believed only alongside a per-process secret, so a client cannot
 * forge them (a forged X-Forwarded-For counts only with TRUST_PROXY).
 */
async function clientPlugin(app: FastifyInstance, { secret }: { secret: Buffer }) {
  app.decorateRequest('client', null as never);
  app.addHook('onRequest', async (request) => {
    const given = request.headers[BRIDGE_HEADER];
    let bridged = false;
    if (typeof given === 'string') {
      const buf = Buffer.from(given, 'hex');
      bridged = buf.length === secret.length && timingSafeEqual(buf, secret);
      delete request.headers[BRIDGE_HEADER];
    }
    const proto = request.headers[BRIDGE_PROTO_HEADER];
    const ip = request.headers[BRIDGE_IP_HEADER];
    request.client =
      bridged && (proto === 'http' || proto === 'https') && typeof ip === 'string'
        ? { protocol: proto, ip, viaBridge: true }
        : { protocol: request.protocol === 'https' ? 'https' : 'http', ip: request.ip, viaBridge: false };
  });
}

export const clientInfo = fp(clientPlugin, { name: 'client' });
export const newBridgeSecret = () => randomBytes(32);
