// Calls to the gateway's REST API. Every answer is JSON; errors are {error, message, status, request_id}.
// Nothing here throws anything but ApiError, so a page can always show a message instead of breaking.

const TOKEN_KEY = 'marketdata.adminToken';

export class ApiError extends Error {
    constructor(status, code, message, body) {
        super(message);
        this.status = status;   // 0 = the gateway could not be reached
        this.code = code;
        this.body = body;
    }
}

export function adminToken() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setAdminToken(token) {
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
    } else {
        sessionStorage.removeItem(TOKEN_KEY);
    }
}

/**
 * fetch + JSON. Resolves to {data, degraded, status}; rejects with ApiError on a network error or
 * a status ≥ 400. `admin: true` adds the admin bearer token kept in sessionStorage.
 */
export async function api(path, {method = 'GET', body, admin = false, timeoutMs = 15000} = {}) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (admin && adminToken()) {
        headers.Authorization = 'Bearer ' + adminToken();
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let res;
    try {
        res = await fetch(path, {
            method, headers, signal: abort.signal,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch (e) {
        throw new ApiError(0, 'network', abort.signal.aborted
            ? `no answer from the gateway within ${timeoutMs / 1000} s`
            : 'the gateway cannot be reached (' + e.message + ')');
    } finally {
        clearTimeout(timer);
    }
    const text = await res.text().catch(() => '');
    let data = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch {
        data = null;
    }
    if (!res.ok) {
        const code = data && typeof data.error === 'string' ? data.error : res.statusText;
        let message = (data && (data.message || data.error)) || text || res.statusText || 'error';
        if (res.status === 401) {
            message = 'Unauthorized: ' + message + ' — enter the admin token on the Settings page.';
        } else if (res.status === 429) {
            message = 'Rate limited: ' + message;
        }
        if (data && data.request_id) {
            message += ` (request ${data.request_id})`;
        }
        throw new ApiError(res.status, code, `${res.status}: ${message}`, data);
    }
    const degraded = res.headers.get('X-Degraded') === 'true' || (data !== null && data.degraded === true);
    return {data, degraded, status: res.status};
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
        if (v !== undefined && v !== null && v !== '') {
            q.set(k, v);
        }
    }
    const s = q.toString();
    return s ? '?' + s : '';
}
