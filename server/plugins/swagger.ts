import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../contracts/auth.ts';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI document is always built (app.swagger()); `serve` puts it and its viewer at /api/docs. */
async function swaggerPlugin(app: FastifyInstance, { serve }: { serve: boolean }) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Samverkan API',
        description:
          'Det publika API:et för Samverkan. Fel är RFC 9457 problem details med en stabil `code`. ' +
          'Logga in med POST /api/auth/login; sessionen bärs av en httpOnly-kaka eller som `Authorization: Bearer`.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  if (!serve) return;
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
}

export default fp(swaggerPlugin, { name: 'swagger' });
