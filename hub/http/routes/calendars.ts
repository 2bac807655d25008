import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, errorBody } from '../../../shared/schemas/common.js';
import { feedContent, type FeedOwner, feedToken, rotateFeed } from '../../app/calendar-feeds.js';
import type { AppDeps } from '../../app/deps.js';
import { PRIVATE_TITLE } from '../../app/room-state.js';
import { NotFoundError } from '../../domain/errors.js';
import { feedCalendar } from '../../notify/ics.js';
import { actorOf } from '../auth-hook.js';

const feedUrl = z.object({ url: z.string() });
const errors = { 403: errorBody, 404: errorBody };

/** Contract §5: secret calendar feed URLs per room and per person, and the feeds themselves. */
export const calendarRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; publicUrl?: string }> = async (app, { deps, publicUrl }) => {
  const urlOf = (req: { protocol: string; headers: { host?: string } }, token: string) =>
    `${(publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`).replace(/\/$/, '')}/calendar/${token}.ics`;

  for (const kind of ['room', 'user'] as const) {
    const path = kind === 'room' ? '/api/rooms/:id/calendar' : '/api/users/:id/calendar';
    const params = z.object({ id: kind === 'room' ? entityId : z.string().min(1).max(128) });
    const owner = (id: string): FeedOwner => ({ kind, id });
    app.get(path, { schema: { tags: ['calendars'], params, response: { 200: feedUrl, ...errors } } }, async (req) => ({
      url: urlOf(req, await feedToken(deps, owner(req.params.id), actorOf(req))),
    }));
    app.post(`${path}/rotate`, { schema: { tags: ['calendars'], params, response: { 200: feedUrl, ...errors } } }, async (req) => ({
      url: urlOf(req, await rotateFeed(deps, owner(req.params.id), actorOf(req))),
    }));
  }

  // The feed needs no session: its URL is the secret (calendar apps cannot sign in).
  app.get('/calendar/:file', { config: { public: true }, schema: { hide: true, params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }) } }, async (req, reply) => {
    const feed = await feedContent(deps, req.params.file.replace(/\.ics$/, ''));
    if (!feed) throw new NotFoundError('calendar', 'feed');
    reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
    return feedCalendar(feed, PRIVATE_TITLE);
  });
};
