// A small hash router: #/cases, #/client/<id>, #/conversation/<id>, #/administration/<id>,
// #/settings, #/deadlines, #/sync, #/review, #/dashboard.

export type Route =
  | { name: 'cases' }
  | { name: 'client'; id: string }
  | { name: 'conversation'; id: string }
  | { name: 'administration'; id: string }
  | { name: 'settings' }
  | { name: 'deadlines' }
  | { name: 'intake'; id: string }
  | { name: 'money'; id: string }
  | { name: 'household'; id: string }
  | { name: 'sync' }
  | { name: 'review' }
  | { name: 'dashboard' }
  | { name: 'plan'; id: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'client' && parts[1]) return { name: 'client', id: parts[1] };
  if (parts[0] === 'conversation' && parts[1]) return { name: 'conversation', id: parts[1] };
  if (parts[0] === 'administration' && parts[1]) return { name: 'administration', id: parts[1] };
  if (parts[0] === 'intake' && parts[1]) return { name: 'intake', id: parts[1] };
  if (parts[0] === 'money' && parts[1]) return { name: 'money', id: parts[1] };
  if (parts[0] === 'household' && parts[1]) return { name: 'household', id: parts[1] }
  if (parts[0] === 'plan' && parts[1]) return { name: 'plan', id: parts[1] };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'deadlines') return { name: 'deadlines' };
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'review') return { name: 'review' };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  return { name: 'cases' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '#/cases';
    case 'settings':
      return '#/settings';
    case 'deadlines':
      return '#/deadlines';
    case 'sync':
      return '#/sync';
    case 'review':
      return '#/review';
    case 'dashboard':
      return '#/dashboard';
    case 'client':
      return `#/client/${encodeURIComponent(route.id)}`;
    case 'conversation':
      return `#/conversation/${encodeURIComponent(route.id)}`;
    case 'administration':
      return `#/administration/${encodeURIComponent(route.id)}`;
    case 'intake':
      return `#/intake/${encodeURIComponent(route.id)}`;
    case 'money':
      return `#/money/${encodeURIComponent(route.id)}`;
    case 'household':
      return `#/household/${encodeURIComponent(route.id)}`;
    case 'plan':
      return `#/plan/${encodeURIComponent(route.id)}`;
  }
}

export const router = $state<{ route: Route }>({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
});

function sync(): void {
  router.route = parseHash(location.hash);
}

let started = false;

/** Starts following location.hash (idempotent); returns a stop function. */
export function startRouter(): () => void {
  sync();
  if (started) return () => {};
  started = true;
  window.addEventListener('hashchange', sync);
  return () => {
    started = false;
    window.removeEventListener('hashchange', sync);
  };
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const target = href(route);
  if (opts.replace) {
    history.replaceState(null, '', target);
  } else if (location.hash !== target) {
    location.hash = target;
  }
  sync();
}
