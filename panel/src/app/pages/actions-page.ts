import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import type { ActionDto } from '../../../../shared/schemas/meetings.js';
import { api } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { directory } from '../directory.js';
import { dateTime } from '../format.js';
import '../meeting/action-card.js';
import { actionOrder } from '../meeting/action-order.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { pill } from '../words.js';

interface Late {
  booking: string;
  title: string;
  end: string;
  status: string;
  minuteTaker: string | null;
  host: string;
  draftMissed: boolean;
  distributeMissed: boolean;
}
interface DeptRow {
  department: string | null;
  overdue: number;
  analysisMissing: number;
}

/**
 * My actions (C4-C7): the action items I own from every meeting, overdue ones
 * first with the analysis they need. The administration office also sees the
 * overdue actions per department and the minutes late on their deadlines
 * (C2, C3), for the dashboard.
 */
export class ActionsPage extends LitElement {
  static override properties = { me: { attribute: false }, mine: { state: true }, names: { state: true }, byDept: { state: true }, late: { state: true }, overdue: { state: true } };
  declare me: UserDto | null;
  declare mine: ActionDto[] | null;
  declare names: Map<string, string>;
  declare byDept: DeptRow[];
  declare late: Late[];
  declare overdue: ActionDto[];
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; max-width: 1100px; }
      section { margin-bottom: 1.6em; }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.7em; }
      .summary { margin: 0 0 0.8em; }
    `,
  ];

  constructor() {
    super();
    this.me = null;
    this.mine = null;
    this.names = new Map();
    this.byDept = [];
    this.late = [];
    this.overdue = [];
  }

  // On `me`, not on connecting: a lazily defined page gets its properties at its first update.
  override updated(changed: Map<string, unknown>) {
    if (changed.has('me') && this.me) void this.load();
  }

  private async load() {
    const admin = this.me?.role === 'admin';
    const [mine, people, byDept, late, overdue] = await Promise.all([
      api<ActionDto[]>('GET', '/api/actions?mine=true'),
      directory().catch(() => [] as UserDto[]),
      admin ? api<DeptRow[]>('GET', '/api/actions/overdue-by-department') : Promise.resolve([]),
      admin ? api<Late[]>('GET', '/api/minutes/late') : Promise.resolve([]),
      admin ? api<ActionDto[]>('GET', '/api/actions?overdue=true') : Promise.resolve([]),
    ]);
    this.names = new Map(people.map((p) => [p.id, p.name]));
    this.mine = mine.sort(actionOrder);
    this.byDept = byDept;
    this.late = late;
    this.overdue = overdue.filter((a) => a.owner !== this.me?.id).sort(actionOrder);
  }

  override render() {
    const t = this.i18n.t;
    const mine = this.mine;
    if (!mine) return html`<h1>${t('actions.title')}</h1><p role="status">${t('common.loading')}</p>`;
    const overdue = mine.filter((a) => a.overdue).length;
    const admin = this.me?.role === 'admin';
    return html`
      <h1>${t('actions.title')}</h1>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">${t('actions.mine')}</h2>
        <p class="summary" data-summary data-overdue=${overdue}>${mine.length ? t('actions.summary', { n: mine.length, overdue }) : t('actions.none')}</p>
        <ol>${mine.map((a) => html`<li><action-card .action=${a} .names=${this.names} mine @action-changed=${() => void this.load()}></action-card></li>`)}</ol>
      </section>
      ${admin ? this.office() : nothing}
    `;
  }

  /** The administration office's view: overdue per department (C7) and minutes late (C2, C3). */
  private office() {
    const { t, locale } = this.i18n;
    return html`
      <section aria-labelledby="late-h" data-section="late-minutes">
        <h2 id="late-h">${t('actions.lateMinutes')}</h2>
        ${
          this.late.length
            ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="late-h"><table>
              <thead><tr><th scope="col">${t('actions.meeting')}</th><th scope="col">${t('actions.ended')}</th><th scope="col">${t('actions.minuteTaker')}</th><th scope="col">${t('actions.lateWhat')}</th></tr></thead>
              <tbody>${this.late.map(
                (l) => html`<tr data-booking=${l.booking}>
                <td><a href=${href('meetings', l.booking, 'minutes')}>${l.title}</a></td>
                <td>${dateTime(l.end, locale)}</td>
                <td>${this.names.get(l.minuteTaker ?? l.host) ?? l.minuteTaker ?? l.host}</td>
                <td><span class="row">${l.draftMissed ? pill('bad', 'alert', t('actions.draftMissed'), 'draft-missed') : nothing}${l.distributeMissed ? pill('bad', 'alert', t('actions.distributeMissed'), 'distribute-missed') : nothing}</span></td>
              </tr>`,
              )}</tbody>
            </table></div>`
            : html`<p class="muted" data-late="0">${t('actions.noLate')}</p>`
        }
      </section>
      <section aria-labelledby="dept-h" data-section="by-department">
        <h2 id="dept-h">${t('actions.byDepartment')}</h2>
        ${
          this.byDept.length
            ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="dept-h"><table>
              <thead><tr><th scope="col">${t('actions.department')}</th><th scope="col">${t('actions.overdueCount')}</th><th scope="col">${t('actions.analysisMissingCount')}</th></tr></thead>
              <tbody>${this.byDept.map((d) => html`<tr data-department=${d.department ?? ''}><td>${d.department ?? t('actions.noDepartment')}</td><td>${d.overdue}</td><td>${d.analysisMissing}</td></tr>`)}</tbody>
            </table></div>`
            : html`<p class="muted" data-by-department="0">${t('actions.noOverdue')}</p>`
        }
      </section>
      ${
        this.overdue.length
          ? html`<section aria-labelledby="others-h">
            <h2 id="others-h">${t('actions.othersOverdue')}</h2>
            <ol>${this.overdue.map((a) => html`<li><action-card .action=${a} .names=${this.names} follows @action-changed=${() => void this.load()}></action-card></li>`)}</ol>
          </section>`
          : nothing
      }
    `;
  }
}
customElements.define('actions-page', ActionsPage);
declare global {
  interface HTMLElementTagNameMap {
    'actions-page': ActionsPage;
  }
}
