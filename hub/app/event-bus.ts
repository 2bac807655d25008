/**
 * A typed bus for domain events, after commit (zigbee2mqtt's `eventBus.ts`
 * is the model): each listener is named, a listener that throws or rejects
 * is isolated (logged and counted), and the others still run.
 */
import type { Logger } from './deps.js';
import type { DomainEventType, Emitted, EventOf } from './events.js';

type Listener = (e: Emitted) => void | Promise<void>;

export class EventBus {
  private readonly byType = new Map<string, { name: string; fn: Listener }[]>();
  private readonly any: { name: string; fn: Listener }[] = [];

  constructor(
    private readonly log: Logger,
    private readonly onListenerFailure: (listener: string, event: string) => void = () => {},
  ) {}

  on<T extends DomainEventType>(type: T, name: string, fn: (e: EventOf<T>) => void | Promise<void>): void {
    const list = this.byType.get(type) ?? [];
    list.push({ name, fn: fn as Listener });
    this.byType.set(type, list);
  }

  onAny(name: string, fn: Listener): void {
    this.any.push({ name, fn });
  }

  /**
   * Delivers the events of one unit of work in order. Listeners of one event
   * run one after another, so a room's state and its events leave in the
   * order they happened; the returned promise settles when all are done.
   */
  async emit(events: readonly Emitted[]): Promise<void> {
    for (const e of events) {
      for (const l of [...(this.byType.get(e.type) ?? []), ...this.any]) {
        try {
          await l.fn(e);
        } catch (err) {
          this.log.error({ err, listener: l.name, event: e.type }, 'event listener failed');
          this.onListenerFailure(l.name, e.type);
        }
      }
    }
  }
}
