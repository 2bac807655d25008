/**
 * Issue 13: read-only MQTT accounts for the integrations an office already runs
 * (Home Assistant, Node-RED, a wall dashboard). An admin creates one; its token
 * is shown once and kept only as a hash, like a device's (contract §2). What it
 * may read is decided in hub/mqtt/acl.ts.
 */
import { NotFoundError } from '../domain/errors.js';
import { type Actor, requireAdmin } from './actor.js';
import { type AppDeps, newId } from './deps.js';
import type { IntegrationRecord } from './ports.js';
import { hashToken, newToken, tokenMatches } from './secrets.js';
import { runWork } from './work.js';

/** The MQTT username of an integration. A device id never has a colon, so the two never meet. */
export const INTEGRATION_USER_PREFIX = 'integration:';
export const integrationUsername = (id: string) => `${INTEGRATION_USER_PREFIX}${id}`;

export async function createIntegration(deps: AppDeps, input: { id?: string; name: string }, actor: Actor): Promise<{ integration: IntegrationRecord; token: string }> {
  requireAdmin(actor);
  const token = newToken();
  const integration = await runWork(deps, actor.ref, async (w) => {
    // A taken id is refused by the primary key (DuplicateError, 409).
    const i = await w.store.integrations.create({ id: input.id ?? newId('int'), name: input.name, tokenHash: hashToken(token), createdAt: w.now, revokedAt: null });
    w.emit({ type: 'integration.created', integration: i });
    return i;
  });
  return { integration, token };
}

/** Revoking drops its connections (a bus listener of `integration.revoked`) and refuses it from then on. */
export async function revokeIntegration(deps: AppDeps, id: string, actor: Actor): Promise<IntegrationRecord> {
  requireAdmin(actor);
  return runWork(deps, actor.ref, async (w) => {
    const known = await w.store.integrations.get(id);
    if (!known) throw new NotFoundError('integration', id);
    if (known.revokedAt !== null) return known;
    const i = await w.store.integrations.update(id, { revokedAt: w.now });
    w.emit({ type: 'integration.revoked', integration: i });
    return i;
  });
}

export async function listIntegrations(deps: AppDeps, actor: Actor): Promise<IntegrationRecord[]> {
  requireAdmin(actor);
  return deps.reads.integrations.list();
}

/** At CONNECT: unknown, revoked and wrong tokens are refused. */
export async function authenticateIntegration(deps: AppDeps, id: string, token: string): Promise<IntegrationRecord | null> {
  const i = await deps.reads.integrations.get(id);
  if (!i || i.revokedAt !== null) return null;
  return tokenMatches(token, i.tokenHash) ? i : null;
}
