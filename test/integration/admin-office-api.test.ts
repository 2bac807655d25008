/**
 * Issue 9's API on both databases: the fault life cycle (R9), safety
 * inspections (R11), rooms with building, floor, privacy default and
 * archiving, device health and token re-issue, badge enrolment by tap, the
 * site view (snapshot and server-sent events), the audit log, sign out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { PROVIDERS } from '../support/databases.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;

describe.each(PROVIDERS)('the administration office API on %s', (provider) => {
  let t: TestHub;
  let site: Site;
  let panel: SimPanel;
  beforeAll(async () => {
    t = await startTestHub(provider);
    site = await provisionRoom(t);
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    await panel.waitForStatus('free');
  });
  afterAll(async () => {
    await panel.close();
    await t.stop();
  });

  it('R9: a panel-reported fault goes acknowledged → in repair → resolved, with its history; the room state shows it meanwhile', async () => {
    const r = await panel.request('report_fault', { equipment: 'projector', description: 'no picture' });
    expect(r.ok).toBe(true);
    const id = (r.result as { faultId: string }).faultId;
    await waitFor(() => panel.state?.faults?.some((f) => f.equipment === 'projector' && f.status === 'reported'), { what: 'the fault in the room state' });
    expect((await t.api('GET', '/api/faults?status=open')).body.map((f: { id: string }) => f.id)).toContain(id);

    const ack = await t.api('PATCH', `/api/faults/${id}`, { status: 'acknowledged', assignee: 'Facilities: Wang', note: 'on it' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', assignee: 'Facilities: Wang' });
    await waitFor(() => panel.state?.faults?.some((f) => f.status === 'acknowledged'), { what: 'acknowledged in the room state' });
    expect((await t.api('PATCH', `/api/faults/${id}`, { status: 'in_repair' })).status).toBe(200);
    const resolved = await t.api('PATCH', `/api/faults/${id}`, { status: 'resolved', note: 'lamp replaced' });
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect(resolved.body.history.map((h: { status: string; by: string }) => `${h.status} by ${h.by}`)).toEqual([
      `reported by device:${site.panel.id}`,
      'acknowledged by user:admin',
      'in_repair by user:admin',
      'resolved by user:admin',
    ]);
    await waitFor(() => panel.state && !panel.state.faults?.length, { what: 'no open fault in the room state' });
  });

  it('R9: an illegal transition is 409, a rejection without a reason 422, a closed fault stays closed', async () => {
    const f = (await t.api('POST', '/api/faults', { room: site.room, equipment: 'whiteboard', description: 'no markers' })).body;
    expect(f.status).toBe('reported');
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { status: 'in_repair' })).status).toBe(200);
    const back = await t.api('PATCH', `/api/faults/${f.id}`, { status: 'acknowledged' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('invalid_state');
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { status: 'rejected' })).status).toBe(422);
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { status: 'rejected', note: 'markers were in the drawer' })).status).toBe(200);
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { note: 'again' })).status).toBe(409);
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { status: 'done' })).status).toBe(422);
  });

  it('a fault that puts the room out of service: the room takes no bookings until the fault is closed', async () => {
    const f = (await t.api('POST', '/api/faults', { room: site.room, equipment: 'other', description: 'water leak', outOfService: true })).body;
    await panel.waitForStatus('out_of_service');
    const refused = await t.api('POST', '/api/bookings', { room: site.room, title: 'x', start: new Date(t.clock.now() + 60 * MIN).toISOString(), end: new Date(t.clock.now() + 90 * MIN).toISOString(), headcount: 2 });
    expect(refused.status).toBe(422);
    expect((await t.api('PATCH', `/api/faults/${f.id}`, { status: 'resolved', note: 'fixed' })).status).toBe(200);
    await panel.waitForStatus('free');
  });

  it('a member sees no fault queue, no inspections, no site view, no audit', async () => {
    const login = await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null);
    const token = login.body.token;
    for (const path of ['/api/faults', '/api/inspections', '/api/site', '/api/audit', '/api/devices']) {
      expect((await t.api('GET', path, undefined, token)).status, path).toBe(403);
    }
    expect((await t.api('PATCH', '/api/faults/anything', { status: 'resolved' }, token)).status).toBe(403);
  });

  it('R11: a new room is due for inspection after its plan period; a recorded inspection with a failed item opens a fault', async () => {
    const room = (await t.api('POST', '/api/rooms', { id: `insp-${provider}`, name: 'Inspected', capacity: 4, building: 'HQ', floor: '2' })).body;
    const plan = (await t.api('GET', `/api/rooms/${room.id}/inspection-plan`)).body;
    expect(plan).toMatchObject({ everyDays: 30, overdue: false, lastInspectedAt: null });
    expect(plan.checklist.map((c: { id: string }) => c.id)).toEqual(['fire_extinguisher', 'exits_and_signs', 'electrical', 'cleanliness']);
    const put = await t.api('PUT', `/api/rooms/${room.id}/inspection-plan`, { everyDays: 7, checklist: [...plan.checklist, { id: 'first_aid', label: 'First-aid kit' }] });
    expect(put.status).toBe(200);
    t.clock.advance(8 * DAY);
    await t.signInAgain();
    expect((await t.api('GET', '/api/inspections?overdue=true')).body.map((p: { room: string }) => p.room)).toContain(room.id);

    const items = put.body.checklist.map((c: { id: string }) => ({ item: c.id, result: 'pass' }));
    expect((await t.api('POST', `/api/rooms/${room.id}/inspections`, { items: items.slice(1) })).status).toBe(422); // one not answered
    items[2] = { item: 'electrical', result: 'fail', note: 'scorched socket by the window', openFault: true };
    const done = await t.api('POST', `/api/rooms/${room.id}/inspections`, { items, notes: 'monthly walk-through' });
    expect(done.status).toBe(201);
    expect(done.body.result).toBe('fail');
    const faultId = done.body.items.find((i: { item: string }) => i.item === 'electrical').faultId;
    expect((await t.api('GET', `/api/faults/${faultId}`)).body).toMatchObject({ room: room.id, equipment: 'electrical', status: 'reported' });
    const after = (await t.api('GET', `/api/rooms/${room.id}/inspection-plan`)).body;
    expect(after).toMatchObject({ overdue: false, lastResult: 'fail' });
    expect(Date.parse(after.dueAt)).toBe(t.clock.now() + 7 * DAY);
  });

  it('rooms: building, floor and privacy default; archived rooms leave the list and take no bookings', async () => {
    const r = (await t.api('POST', '/api/rooms', { id: `arch-${provider}`, name: 'Old room', capacity: 6, building: 'Annex', floor: 'G', privateByDefault: true })).body;
    expect(r).toMatchObject({ building: 'Annex', floor: 'G', privateByDefault: true, archived: false });
    const b = await t.api('POST', '/api/bookings', { room: r.id, title: 'HR talk', start: new Date(t.clock.now() + 60 * MIN).toISOString(), end: new Date(t.clock.now() + 90 * MIN).toISOString(), headcount: 2 });
    expect(b.body.private).toBe(true); // G4: the room's default
    await t.api('POST', `/api/bookings/${b.body.id}/cancel`);
    expect((await t.api('PATCH', `/api/rooms/${r.id}`, { archived: true })).body.archived).toBe(true);
    expect((await t.api('GET', '/api/rooms')).body.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await t.api('GET', '/api/rooms?archived=true')).body.map((x: { id: string }) => x.id)).toContain(r.id);
    const refused = await t.api('POST', '/api/bookings', { room: r.id, title: 'x', start: new Date(t.clock.now() + 60 * MIN).toISOString(), end: new Date(t.clock.now() + 90 * MIN).toISOString(), headcount: 2 });
    expect(refused.status).toBe(422);
  });

  it('device health, token re-issue (the old token dies and the device is dropped), badge enrolment by tap', async () => {
    const devices = (await t.api('GET', '/api/devices')).body as { id: string; health: string; connected: boolean }[];
    expect(devices.find((d) => d.id === site.panel.id)).toMatchObject({ health: 'online', connected: true });
    expect(devices.find((d) => d.id === site.sensor!.id)?.health).toBe('never_seen');

    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    const capture = t.api('POST', `/api/devices/${site.reader.id}/capture-badge`, { timeoutSeconds: 5 });
    await new Promise((r) => setTimeout(r, 100));
    await reader.tap(site.hostBadge); // a known card: not an enrolment
    await reader.tap('0A0B0C0D'); // the new card
    const captured = await capture;
    expect(captured.status).toBe(200);
    expect(captured.body.uid).toBe('0A0B0C0D');
    const timedOut = await t.api('POST', `/api/devices/${site.reader.id}/capture-badge`, { timeoutSeconds: 1 });
    expect(timedOut.status).toBe(408);

    const closed = new Promise<void>((r) => reader.client.once('close', () => r()));
    const again = await t.api('POST', `/api/devices/${site.reader.id}/token`);
    expect(again.status).toBe(200);
    expect(again.body.token).not.toBe(site.reader.token);
    await closed;
    reader.kill();
    await expect(SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token, reconnectPeriod: 0 } as never)).rejects.toThrow();
    const fresh = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: again.body.token });
    await fresh.close();
    site.reader.token = again.body.token;
  });

  it('the site view: a snapshot of tiles, then server-sent events as a room changes', async () => {
    const snap = (await t.api('GET', '/api/site')).body;
    const tile = snap.tiles.find((x: { room: { id: string } }) => x.room.id === site.room);
    expect(tile.state.status).toBe('free');
    expect(tile.devices.map((d: { id: string }) => d.id).sort()).toEqual([site.panel.id, site.reader.id, site.sensor!.id].sort());

    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}/api/site/stream`, { headers: { authorization: `Bearer ${t.adminToken}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pred: (s: string) => boolean) => {
      while (!pred(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    await until((s) => s.includes('event: snapshot'));
    const b = await book(t, site, 5);
    await until((s) => s.includes('event: tile') && s.includes(b.id));
    controller.abort();
  });

  it('the audit log: who did what, newest first, filtered by type prefix and room', async () => {
    const all = (await t.api('GET', '/api/audit?limit=500')).body as { id: number; type: string; actor: string; room: string | null }[];
    expect(all.length).toBeGreaterThan(5);
    expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
    const faults = (await t.api('GET', `/api/audit?type=fault.&room=${site.room}`)).body as typeof all;
    expect(faults.length).toBeGreaterThan(0);
    expect(faults.every((e) => e.type.startsWith('fault.') && e.room === site.room)).toBe(true);
    expect(faults.some((e) => e.type === 'fault.changed' && e.actor === 'user:admin')).toBe(true);
    const page2 = (await t.api('GET', `/api/audit?limit=2&before=${all[1]!.id}`)).body as typeof all;
    expect(page2[0]!.id).toBe(all[2]!.id);
  });

  it('GET /api/session says who is signed in; DELETE signs out (the token stops working)', async () => {
    const login = await t.api('POST', '/api/session', { username: 'admin', password: 'admin-pass-1' }, null);
    const token = login.body.token;
    expect((await t.api('GET', '/api/session', undefined, token)).body.user.username).toBe('admin');
    expect((await t.api('DELETE', '/api/session', undefined, token)).status).toBe(204);
    expect((await t.api('GET', '/api/session', undefined, token)).status).toBe(401);
  });
});
