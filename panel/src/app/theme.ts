/**
 * The office app's look: light, calm, WCAG 2.1 AA contrast (4.5:1 for text,
 * 3:1 for borders and focus rings), a visible focus ring on everything
 * focusable, and no meaning in colour alone (words and icons beside it).
 */
import { css } from 'lit';

export const appStyles = css`
  :host {
    box-sizing: border-box;
    font-family: system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: #1b1c1f;
    font-size: 15px;
    line-height: 1.45;
    --accent: #0b57d0;
    --muted: #4a4f57;
    --line: #8d939c;
    --soft-line: #d5d8dd;
    --danger: #b3261e;
    --ok: #0b6b30;
    --warn: #8a4b00;
  }
  *, *::before, *::after { box-sizing: inherit; }
  h1 { font-size: 1.5rem; margin: 0 0 0.75rem; }
  h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
  h3 { font-size: 1.05rem; margin: 0 0 0.4rem; }
  a { color: var(--accent); }
  button, .button {
    font: inherit;
    min-height: 40px;
    padding: 0.35em 0.95em;
    border-radius: 8px;
    border: 2px solid var(--accent);
    background: #fff;
    color: var(--accent);
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  button.primary { background: var(--accent); color: #fff; }
  button.danger { border-color: var(--danger); color: var(--danger); }
  button.danger.primary { background: var(--danger); color: #fff; }
  button:disabled { border-color: #767b83; color: #5d626a; background: #eceef1; cursor: not-allowed; }
  button.link { border: 0; background: none; padding: 0 0.2em; min-height: 0; text-decoration: underline; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
  input, select, textarea {
    font: inherit;
    color: inherit;
    background: #fff;
    border: 1.5px solid var(--line);
    border-radius: 6px;
    padding: 0.4em 0.55em;
    min-height: 40px;
    max-width: 100%;
  }
  input[type='checkbox'], input[type='radio'] { min-height: 0; width: 1.15em; height: 1.15em; accent-color: var(--accent); }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--danger); border-width: 2px; }
  label { font-weight: 600; }
  .field { display: flex; flex-direction: column; gap: 0.25em; margin-bottom: 0.8em; }
  .field label + .hint, .hint { font-weight: 400; color: var(--muted); font-size: 0.9em; }
  .field-error { color: var(--danger); font-weight: 600; margin: 0; display: flex; gap: 0.35em; align-items: baseline; }
  .form-error { border: 2px solid var(--danger); border-radius: 8px; padding: 0.5em 0.75em; color: var(--danger); font-weight: 600; background: #fdf3f2; }
  .notice { border: 2px solid var(--ok); border-radius: 8px; padding: 0.5em 0.75em; background: #eef7f1; }
  .row { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.6em; justify-content: flex-end; margin-top: 1em; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.75em; align-items: flex-end; margin-bottom: 1em; }
  .toolbar .field { margin: 0; }
  .muted { color: var(--muted); }
  .card { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; padding: 1em; }
  .table-wrap { position: relative; overflow-x: auto; background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.5em 0.7em; border-bottom: 1px solid var(--soft-line); vertical-align: top; }
  th { font-size: 0.9em; color: var(--muted); background: #f8f9fa; white-space: nowrap; }
  tr:last-child td { border-bottom: 0; }
  .mono { font-family: ui-monospace, 'Noto Sans Mono', monospace; overflow-wrap: anywhere; }
  .visually-hidden { position: absolute; top: 0; left: 0; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .pill { display: inline-flex; align-items: center; gap: 0.3em; border: 1.5px solid currentColor; border-radius: 999px; padding: 0 0.55em; font-size: 0.9em; font-weight: 600; white-space: nowrap; }
  .pill svg, .field-error svg { width: 1em; height: 1em; flex: none; }
  .tone-ok { color: var(--ok); }
  .tone-warn { color: var(--warn); }
  .tone-bad { color: var(--danger); }
  .tone-info { color: var(--accent); }
  .tone-muted { color: var(--muted); }
  @media (max-width: 700px) {
    button, .button, input, select { min-height: 44px; }
    .hide-narrow { display: none; }
  }
`;
