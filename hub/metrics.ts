/** Prometheus metrics (contract §3 `/metrics`), one registry per hub instance. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ROOM_STATUSES } from '../shared/enums.js';
import { DEVICE_HEALTH } from '../shared/schemas/http.js';
import type { MetricName, Metrics } from './app/ports.js';

/** Counts for the site gauges, read on each scrape. */
export interface SiteGauges {
  roomStates(): Promise<Record<string, number>>;
  deviceStatuses(): Promise<Record<string, number>>;
}

export class HubMetrics implements Metrics {
  readonly registry = new Registry();
  readonly mqttMessagesIn: Counter<'kind'>;
  readonly mqttMessagesOut: Counter<'kind'>;
  readonly refusedConnections: Counter<'reason'>;
  readonly refusedPublishes: Counter<'reason'>;
  readonly refusedSubscriptions: Counter;
  readonly invalidPayloads: Counter<'kind'>;
  readonly duplicateMessages: Counter<'kind'>;
  readonly throttledMessages: Counter;
  /** Every error answered to a client, by transport and code; `internal` ones are the hub's faults (5xx). */
  readonly errors: Counter<'transport' | 'code'>;
  readonly transactionRetries: Counter<'code'>;
  readonly connectedClients: Gauge;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly mqttHandleDuration: Histogram<'kind'>;
  readonly mqttIngestLag: Histogram<'kind'>;
  readonly roomsByState: Gauge<'state'>;
  readonly devicesByStatus: Gauge<'status'>;
  private readonly domain: Record<MetricName, Counter<string>>;
  private site: SiteGauges | null = null;

  constructor() {
    const r = this.registry;
    // Issue 13: the standard names (process_resident_memory_bytes, nodejs_heap_size_used_bytes...)
    // so the stock Node.js dashboards work; the hub's own metrics keep their hub_ prefix.
    collectDefaultMetrics({ register: r });
    const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers: [r] });
    this.mqttMessagesIn = counter('hub_mqtt_messages_in_total', 'MQTT messages received from clients', ['kind']);
    this.mqttMessagesOut = counter('hub_mqtt_messages_out_total', 'MQTT messages published by the hub', ['kind']);
    this.refusedConnections = counter('hub_mqtt_refused_connections_total', 'CONNECTs refused', ['reason']);
    this.refusedPublishes = counter('hub_mqtt_refused_publishes_total', 'PUBLISHes refused by authorization', ['reason']);
    this.refusedSubscriptions = counter('hub_mqtt_refused_subscriptions_total', 'SUBSCRIBEs refused by authorization');
    this.invalidPayloads = counter('hub_mqtt_invalid_payloads_total', 'payloads that failed validation', ['kind']);
    this.duplicateMessages = counter('hub_mqtt_duplicate_messages_total', 'redelivered device messages answered without re-applying', ['kind']);
    this.throttledMessages = counter('hub_mqtt_throttled_messages_total', 'device messages delayed by the per-device rate limit');
    this.errors = counter('hub_errors_total', 'errors answered to clients (HTTP and MQTT), by code; internal and unavailable are the 5xx', ['transport', 'code']);
    this.transactionRetries = counter('hub_db_transaction_retries_total', 'transactions run again after a deadlock or serialisation failure', ['code']);
    this.connectedClients = new Gauge({ name: 'hub_mqtt_connected_clients', help: 'MQTT clients connected', registers: [r] });
    this.httpDuration = new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [r],
    });
    this.mqttHandleDuration = new Histogram({
      name: 'hub_mqtt_handle_duration_seconds',
      help: 'time to handle a device message',
      labelNames: ['kind'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [r],
    });
    this.mqttIngestLag = new Histogram({
      name: 'hub_mqtt_ingest_lag_seconds',
      help: "time from a device message's own timestamp to the end of its handling",
      labelNames: ['kind'],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [r],
    });
    const self = this;
    this.roomsByState = new Gauge({
      name: 'hub_rooms',
      help: 'rooms by the status of their last published state (contract §2)',
      labelNames: ['state'],
      registers: [r],
      async collect() {
        this.reset();
        const counts = (await self.site?.roomStates()) ?? {};
        for (const state of ROOM_STATUSES) this.set({ state }, counts[state] ?? 0);
      },
    });
    this.devicesByStatus = new Gauge({
      name: 'hub_devices',
      help: 'provisioned devices by health (online, stale, offline, lost, never_seen, revoked)',
      labelNames: ['status'],
      registers: [r],
      async collect() {
        this.reset();
        const counts = (await self.site?.deviceStatuses()) ?? {};
        for (const status of DEVICE_HEALTH) this.set({ status }, counts[status] ?? 0);
      },
    });
    this.domain = {
      bookings_created: counter('hub_bookings_created_total', 'bookings created', ['type']),
      booking_conflicts: counter('hub_booking_conflicts_total', 'bookings refused because they overlap'),
      check_ins: counter('hub_check_ins_total', 'meetings checked in', ['evidence']),
      releases: counter('hub_releases_total', 'bookings released as no-shows', ['reason']),
      ghost_releases: counter('hub_ghost_releases_total', 'checked-in meetings ended early because the room was empty'),
      sign_ins: counter('hub_sign_ins_total', 'attendee sign-ins', ['status']),
      faults_reported: counter('hub_faults_reported_total', 'equipment faults reported'),
      listener_failures: counter('hub_event_listener_failures_total', 'domain event listeners that threw (isolated; the others ran)', ['listener', 'event']),
    };
  }

  /** Where the site gauges read from, once the app is built (the composition root wires it). */
  observeSite(site: SiteGauges): void {
    this.site = site;
  }

  /**
   * Contract §9: this hub's node id and the site as it sees it, read at each scrape.
   * `hub_site_hubs` counts the hubs alive (1 for a hub alone); `hub_site_leader` is 1
   * on the hub running the site's timers.
   */
  observeSiteMembers(view: () => { node: string; hubs: number; leader: boolean }): void {
    const r = this.registry;
    new Gauge({ name: 'hub_node_info', help: "this hub's node id (value 1)", labelNames: ['node'], registers: [r], collect() {
      this.reset();
      this.set({ node: view().node }, 1);
    } });
    new Gauge({ name: 'hub_site_hubs', help: 'hubs alive in this site, this one included', registers: [r], collect() {
      this.set(view().hubs);
    } });
    new Gauge({ name: 'hub_site_leader', help: '1 if this hub runs the site timers', registers: [r], collect() {
      this.set(view().leader ? 1 : 0);
    } });
  }

  count(name: MetricName, labels: Record<string, string> = {}): void {
    this.domain[name].inc(labels);
  }

  /** Reads one counter's total across labels (tests and the demo log use it). */
  async total(metric: string): Promise<number> {
    const m = await this.registry.getSingleMetric(metric)?.get();
    return (m?.values ?? []).reduce((sum, v) => sum + v.value, 0);
  }
}
