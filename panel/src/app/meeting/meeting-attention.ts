import { css, html, LitElement, nothing } from 'lit';
import { api } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { icon } from '../icons.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';

/**
 * The meetings' side of the office's dashboard: minutes late on a deadline
 * (C2, C3) and overdue actions (C7), counted, with a link to the list on
 * "My actions". Says nothing while nothing needs attention.
 */
export class MeetingAttention extends LitElement {
  static override properties = { late: { state: true }, overdue: { state: true } };
  declare late: number;
  declare overdue: number;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      p { border: 2px solid var(--danger); margin: 0 0 1em; display: flex; flex-wrap: wrap; gap: 0.4em 1em; align-items: center; }
      svg { width: 1em; height: 1em; color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.late = 0;
    this.overdue = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([api<unknown[]>('GET', '/api/minutes/late'), api<{ overdue: number }[]>('GET', '/api/actions/overdue-by-department')])
      .then(([late, byDept]) => {
        this.late = late.length;
        this.overdue = byDept.reduce((n, d) => n + d.overdue, 0);
      })
      .catch(() => {}); // a part of the dashboard, never in the way of the rest
  }

  override render() {
    const t = this.i18n.t;
    if (!this.late && !this.overdue) return nothing;
    return html`<p class="card" data-attention data-late=${this.late} data-overdue=${this.overdue}>
      ${icon('alert')}<span>${t('attention.summary', { late: this.late, overdue: this.overdue })}</span>
      <a href=${href('actions')}>${t('attention.open')}</a>
    </p>`;
  }
}
customElements.define('meeting-attention', MeetingAttention);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-attention': MeetingAttention;
  }
}
