/** Component-test entry: the elements and helpers, exposed for tests driving a real browser. */
import { translator } from './i18n.js';
import './panel-actions.js';
import './fault-dialog.js';
import './room-status.js';
import './connection-banner.js';
import './panel-setup.js';
import './panel-toast.js';
import './day-timeline.js';
import './panel-confirm.js';

(window as unknown as { panelHarness: unknown }).panelHarness = { translator };
