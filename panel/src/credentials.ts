/**
 * The panel's device credentials. A provisioning link carries them in the URL
 * fragment (never sent to a server); the tablet keeps them in localStorage so
 * later visits to the plain panel address just work.
 */
export interface PanelCredentials {
  device: string;
  token: string;
  room: string;
}

const KEY = 'meeting-panel.credentials';

export function takeCredentialsFromUrl(loc: Location, storage: Storage): PanelCredentials | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const device = params.get('device');
  const token = params.get('token');
  const room = params.get('room');
  if (device && token && room) {
    const creds = { device, token, room };
    storage.setItem(KEY, JSON.stringify(creds));
    // Remove the token from the address bar and history.
    history.replaceState(null, '', loc.pathname + loc.search);
    return creds;
  }
  return loadCredentials(storage);
}

export function loadCredentials(storage: Storage): PanelCredentials | null {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? 'null') as PanelCredentials | null;
    return v && typeof v.device === 'string' && typeof v.token === 'string' && typeof v.room === 'string' ? v : null;
  } catch {
    return null;
  }
}
