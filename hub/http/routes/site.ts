import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/schemas/common.js';
import { site } from '../../../shared/schemas/site.js';
import { requireAdmin } from '../../app/actor.js';
import { type AppDeps, iso } from '../../app/deps.js';
import { type SiteFeed, siteTiles } from '../../app/site-view.js';
import { actorOf } from '../auth-hook.js';

/** A browser that stops reading is dropped before its buffer grows past this. */
const MAX_BUFFERED = 1024 * 1024;

/** The dashboard's live site view (issue 9): a snapshot, and server-sent events as rooms change. */
export const siteRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; feed: SiteFeed }> = async (app, { deps, feed }) => {
  const streams = new Set<ServerResponse>();
  // Streams never end by themselves: end them when the hub stops, or the server waits for ever.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.get('/api/site', { schema: { tags: ['site'], response: { 200: site, 403: errorBody } } }, async (req) => {
    requireAdmin(actorOf(req));
    return { at: iso(deps.clock.now()), tiles: await siteTiles(deps) };
  });

  app.get('/api/site/stream', { schema: { tags: ['site'], summary: 'server-sent events: `snapshot` once, then `tile` per changed room' } }, async (req, reply) => {
    requireAdmin(actorOf(req));
    const snapshot = { at: iso(deps.clock.now()), tiles: await siteTiles(deps) };
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    streams.add(res);
    const send = (event: string, data: unknown) => {
      if (res.writableLength > MAX_BUFFERED) return res.destroy();
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('snapshot', snapshot);
    const unsubscribe = feed.subscribe((tiles) => tiles.forEach((t) => send('tile', t)));
    const ping = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.once('close', () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(res);
    });
  });
};
