// The yardstick: bare Fastify answering one indexed PostgreSQL query, no auth, no schemas.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => undefined);
const app = Fastify();
app.get('/baseline/:id', async (request) => {
  const { rows } = await pool.query('select id, name, kind from organisations where id = $1', [(request.params as { id: string }).id]);
  return rows[0] ?? null;
});
await app.listen({ port: Number(process.env.PORT ?? 3901), host: '127.0.0.1' });
console.log('ready');
