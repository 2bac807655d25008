import { css, html, LitElement, nothing } from 'lit';
import { type Problem, problemText } from './booking-words.js';
import { LocaleController } from './controllers/locale.js';
import { icon } from './icons.js';
import { appStyles } from './theme.js';

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  status?: string;
  shortNotice?: boolean;
}

/**
 * The clash check shown while a booking is filled in (POST /api/bookings/check,
 * nothing booked): every problem at once (the room taken, who is already in a
 * meeting then, M1; too many people, R3), or that it is free; and what it would
 * become (waiting for approval after hours, R15; short notice, M2). Announced
 * politely to screen readers as it changes.
 */
export class ClashCheck extends LitElement {
  static override properties = { result: { attribute: false }, checking: { type: Boolean }, admin: { type: Boolean } };
  declare result: CheckResult | null;
  declare checking: boolean;
  declare admin: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; margin: 0.2em 0 0.9em; }
      .box { border: 2px solid var(--soft-line); border-radius: 8px; padding: 0.5em 0.75em; }
      .box.ok { border-color: var(--ok); background: #eef7f1; }
      .box.bad { border-color: var(--danger); background: #fdf3f2; }
      .box.wait { border-color: var(--warn); background: #fdf6ec; }
      ul { margin: 0.3em 0 0; padding-left: 1.2em; }
      p { margin: 0; display: flex; gap: 0.4em; align-items: baseline; font-weight: 600; }
      p svg { width: 1em; height: 1em; flex: none; }
      .note { font-weight: 400; margin-top: 0.25em; }
    `,
  ];

  constructor() {
    super();
    this.result = null;
    this.checking = false;
    this.admin = false;
  }

  override render() {
    const t = this.i18n.t;
    const r = this.result;
    let body: ReturnType<typeof html>;
    if (!r) body = html`<div class="box"><p>${this.checking ? t('check.checking') : t('check.fillIn')}</p></div>`;
    else if (!r.ok)
      body = html`<div class="box bad" data-check="problems">
        <p>${icon('alert')}${t('check.problems')}</p>
        <ul>${r.problems.map((p) => html`<li data-problem=${p.code}>${problemText(t, p)}</li>`)}</ul>
      </div>`;
    else
      body = html`<div class="box ${r.status === 'pending_approval' ? 'wait' : 'ok'}" data-check=${r.status === 'pending_approval' ? 'pending' : 'ok'}>
        <p>${icon(r.status === 'pending_approval' ? 'clock' : 'check')}${r.status === 'pending_approval' ? t('check.needsApproval') : t('check.free')}</p>
        ${r.shortNotice ? html`<p class="note" data-note="short-notice">${t('check.shortNotice')}</p>` : nothing}
      </div>`;
    return html`<div role="status" aria-live="polite" aria-busy=${this.checking ? 'true' : 'false'}>${body}</div>`;
  }
}
customElements.define('clash-check', ClashCheck);
declare global {
  interface HTMLElementTagNameMap {
    'clash-check': ClashCheck;
  }
}
