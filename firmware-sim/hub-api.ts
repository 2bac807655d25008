/**
 * The hub's HTTP API as a script or the demo uses it (contract §3): sign in,
 * then JSON requests with the bearer token. A refusal throws with its code.
 */
export class HubApi {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async signIn(base: string, username: string, password: string): Promise<HubApi> {
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await res.json()) as { token?: string; message?: string };
    if (!res.ok || !body.token) throw new Error(`sign-in as ${username} failed (${res.status}): ${body.message ?? ''}`);
    return new HubApi(base, body.token);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as T & { code?: string; message?: string }) : (undefined as T);
    if (!res.ok) {
      const e = json as { code?: string; message?: string } | undefined;
      throw Object.assign(new Error(`${method} ${path}: ${res.status} ${e?.code ?? ''} ${e?.message ?? ''}`), { status: res.status, code: e?.code });
    }
    return json;
  }

  post<T = unknown>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}
