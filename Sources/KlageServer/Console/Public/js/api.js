// The console's only way to the server: its session (cookie + in-memory CSRF token) and JSON-RPC
// through POST /console/rpc, the twin of /rpc for a signed-in browser. The key is sent once, at sign-in.

/** The signed-in session: {csrf, role, label, tenant: {id, name, plugins}, expiresAt, console: {complaintPanels, boards, attentionKinds}}, or null. Memory only. */
export let session = null;

/** A JSON-RPC error answer. */
export class RPCError extends Error {
  constructor(error) {
    super(error?.message ?? 'error');
    this.code = error?.code;
    this.data = error?.data;
  }
}

/** Asks the server who is signed in (after a reload); sets `session`. */
export async function loadSession() {
  const response = await fetch('/console/session', { credentials: 'same-origin', cache: 'no-store' });
  session = response.ok ? await response.json() : null;
  return session;
}

/** The municipalities that sign in through their identity provider, and whether keys are offered: {providers: [{tenant, name, start}], keys}. */
export async function signInOptions() {
  try {
    const response = await fetch('/console/oidc/providers', { credentials: 'same-origin', cache: 'no-store' });
    if (response.ok) return await response.json();
  } catch { /* the key form alone */ }
  return { providers: [], keys: true };
}

/** Signs in with a personal key. Returns 'ok', 'unauthenticated', 'forbidden', 'keysOff' or 'error'. */
export async function signIn(key) {
  const response = await fetch('/console/session', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key }),
  });
  if (response.ok) {
    session = await response.json();
    return 'ok';
  }
  if (response.status === 403) {
    const answer = await response.json().catch(() => ({}));
    return String(answer.error ?? '').includes('identity provider') ? 'keysOff' : 'forbidden';
  }
  return response.status === 401 ? 'unauthenticated' : 'error';
}

/** Ends the session on the server. Returns the identity provider's sign-out URL for a person's session, else null. */
export async function signOut() {
  let endSession = null;
  if (session) {
    const response = await fetch('/console/session/end', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': session.csrf } });
    endSession = (await response.json().catch(() => ({}))).endSession ?? null;
  }
  session = null;
  workflowCache = null;
  return endSession;
}

let nextId = 1;

async function post(body) {
  const response = await fetch('/console/rpc', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session?.csrf ?? '' }, body: JSON.stringify(body),
  });
  if (response.status === 401) {
    session = null;
    window.dispatchEvent(new Event('klage:signed-out'));
  }
  return response.json();
}

/** Calls one method; returns its result or throws an RPCError. */
export async function rpc(method, params = {}) {
  const reply = await post({ jsonrpc: '2.0', id: nextId++, method, params });
  if (reply.error) throw new RPCError(reply.error);
  return reply.result;
}

/** Calls several methods in one request (a JSON-RPC batch); returns results or RPCErrors, in order. */
export async function batch(calls) {
  const first = nextId;
  const replies = await post(calls.map(([method, params], index) => ({ jsonrpc: '2.0', id: first + index, method, params: params ?? {} })));
  nextId += calls.length;
  const list = Array.isArray(replies) ? replies : [replies];
  return calls.map((_, index) => {
    const reply = list.find((item) => item.id === first + index);
    return reply?.error || !reply ? new RPCError(reply?.error) : reply.result;
  });
}

let workflowCache = null;

/** The tenant's workflows (workflow.list), by id, fetched once per session. */
export async function workflows() {
  if (!workflowCache) {
    const result = await rpc('workflow.list');
    workflowCache = new Map((result.workflows ?? result.items ?? result).map((workflow) => [workflow.id, workflow]));
  }
  return workflowCache;
}

/** Whether the session may see the leader's pages. */
export function isLeader() {
  return session?.role === 'leader' || session?.role === 'admin';
}
