// The dashboard's hash router: #/depth (default), #/indices, #/tokens, #/token/{mint}, #/settings, #/health.
// Each page module exports mount(container, {params, args}) and returns an unmount function that
// stops its timers and sockets.
import * as depth from './pages/depth.js';
import * as indices from './pages/indices.js';
import * as tokens from './pages/tokens.js';
import * as token from './pages/token.js';
import * as settings from './pages/settings.js';
import * as health from './pages/health.js';
import {api} from './api.js';
import {h, fill} from './ui.js';

const PAGES = {depth, indices, tokens, token, settings, health};
const NAV_OF = {token: 'tokens'};

const container = document.getElementById('page');
let unmount = null;

/** "#/token/ABC?x=1" → {name: 'token', args: ['ABC'], params: URLSearchParams('x=1')}. */
export function parseHash(hash = location.hash) {
    const raw = hash.replace(/^#\/?/, '');
    const [path, q = ''] = raw.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const name = PAGES[parts[0]] ? parts[0] : 'depth';
    return {name, args: parts.slice(1), params: new URLSearchParams(q)};
}

function route() {
    if (unmount) {
        try {
            unmount();
        } catch (e) {
            console.error('unmount failed', e);
        }
        unmount = null;
    }
    const {name, args, params} = parseHash();
    document.body.dataset.page = name;
    for (const a of document.querySelectorAll('#nav a')) {
        a.classList.toggle('active', a.dataset.page === (NAV_OF[name] || name));
    }
    fill(container);
    try {
        unmount = PAGES[name].mount(container, {args, params}) || null;
    } catch (e) {
        console.error(e);
        fill(container, h('div', {class: 'msg msg-error'}, 'This page failed to load: ' + e.message));
    }
}

window.addEventListener('hashchange', route);
route();

api('/version').then(({data}) => {
    const v = data && (data.version || data.build || '');
    document.getElementById('gateway-version').textContent = v ? 'gateway ' + v : '';
}).catch(() => { /* the pages say what is wrong */ });
