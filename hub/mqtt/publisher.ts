/** The Publisher port on the embedded broker (contract §2 room topics). */
import type { RoomEventPayload, RoomStatePayload } from '../../shared/schemas/mqtt.js';
import type { Topics } from '../../shared/topics.js';
import type { Publisher } from '../app/ports.js';
import type { MqttBroker } from './broker.js';

export function createMqttPublisher(broker: () => MqttBroker, topics: Topics): Publisher {
  return {
    // Retained, so a panel that (re)connects has its room's state at once.
    roomState: (roomId: string, state: RoomStatePayload) =>
      broker().publish(topics.roomState(roomId), state, { retain: true, kind: 'room_state' }),
    roomEvent: (roomId: string, event: RoomEventPayload) =>
      broker().publish(topics.roomEvent(roomId), event, { retain: false, kind: 'room_event' }),
  };
}
