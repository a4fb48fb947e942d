// Small DOM and formatting helpers shared by the pages.

/** h('div', {class: 'x', onclick: fn}, child, 'text', …) → element. */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === undefined || v === null || v === false) {
            continue;
        }
        if (k.startsWith('on') && typeof v === 'function') {
            el.addEventListener(k.slice(2), v);
        } else if (k === 'class') {
            el.className = v;
        } else if (k === 'html') {
            el.innerHTML = v;
        } else {
            el.setAttribute(k, v === true ? '' : v);
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const c of children) {
        if (c === undefined || c === null || c === false) {
            continue;
        }
        if (Array.isArray(c)) {
            append(el, c);
        } else {
            el.append(c instanceof Node ? c : document.createTextNode(String(c)));
        }
    }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

export function isNum(x) {
    return typeof x === 'number' && Number.isFinite(x);
}

/** 1234567 → "1.23M", 950 → "950". */
export function compact(x, digits = 2) {
    if (!isNum(x)) {
        return '–';
    }
    const a = Math.abs(x);
    if (a >= 1e9) return (x / 1e9).toFixed(digits) + 'B';
    if (a >= 1e6) return (x / 1e6).toFixed(digits) + 'M';
    if (a >= 1e3) return (x / 1e3).toFixed(digits) + 'K';
    return x.toFixed(a >= 100 ? 0 : digits);
}

export function usd(x) {
    return isNum(x) ? '$' + compact(x) : '–';
}

/** A price with as many decimals as its size (or the size of `ref`, e.g. the mid for a spread) needs. */
export function price(x, ref = x) {
    if (!isNum(x)) {
        return '–';
    }
    const a = Math.abs(isNum(ref) ? ref : x);
    const d = a >= 1000 ? 2 : a >= 1 ? 4 : a >= 0.01 ? 6 : 8;
    return x.toLocaleString('en-US', {minimumFractionDigits: d, maximumFractionDigits: d});
}

export function num(x, digits = 4) {
    if (!isNum(x)) {
        return '–';
    }
    return x.toLocaleString('en-US', {maximumFractionDigits: digits});
}

export function signed(x, digits = 2, suffix = '') {
    if (!isNum(x)) {
        return '–';
    }
    return (x > 0 ? '+' : '') + x.toFixed(digits) + suffix;
}

/** Epoch ms → "14:03:27" (today) or "2026-11-21 14:03". */
export function time(ms) {
    if (!isNum(ms) || ms <= 0) {
        return '–';
    }
    const d = new Date(ms);
    const today = new Date().toDateString() === d.toDateString();
    return today ? d.toLocaleTimeString('en-GB') : d.toISOString().slice(0, 16).replace('T', ' ');
}

/** "3 s ago", "5 min ago", "2 h ago". */
export function ago(ms) {
    if (!isNum(ms) || ms <= 0) {
        return '–';
    }
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 90) return s + ' s ago';
    if (s < 5400) return Math.round(s / 60) + ' min ago';
    if (s < 172800) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
}

export function shortMint(mint) {
    return mint && mint.length > 12 ? mint.slice(0, 4) + '…' + mint.slice(-4) : (mint || '');
}

/** A status/health badge: class badge-<value>. */
export function badge(value, text) {
    return h('span', {class: 'badge badge-' + String(value || 'unknown').toLowerCase()}, text || value || 'unknown');
}

/** The panel's message line: error (red), info, or nothing. */
export function message(el, text, kind = 'error') {
    if (!el) {
        return;
    }
    el.className = 'msg' + (text ? ' msg-' + kind : '');
    el.textContent = text || '';
}

/** Shows or hides a "degraded" badge element. */
export function degradedBadge(el, degraded, reason) {
    if (!el) {
        return;
    }
    el.hidden = !degraded;
    el.title = degraded ? (reason || 'a service failed; this is the last good answer') : '';
}

/** A panel: title bar (with optional extra elements) + body. Returns {el, body, msg, degraded}. */
export function panel(title, {id, extra = [], cls = ''} = {}) {
    const degraded = h('span', {class: 'badge badge-degraded', hidden: true}, 'degraded');
    const msg = h('div', {class: 'msg'});
    const body = h('div', {class: 'panel-body'});
    const el = h('section', {class: 'panel ' + cls, id},
        h('div', {class: 'panel-head'}, h('h2', {}, title), degraded, h('span', {class: 'spacer'}), extra),
        msg, body);
    return {el, body, msg, degraded};
}

/** An inline SVG sparkline of numbers (oldest → newest). */
export function sparkline(values, {width = 110, height = 26} = {}) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'sparkline');
    const v = (values || []).filter(isNum);
    if (v.length < 2) {
        const t = document.createElementNS(ns, 'text');
        t.setAttribute('x', 2);
        t.setAttribute('y', height - 8);
        t.setAttribute('class', 'spark-empty');
        t.textContent = v.length ? num(v[0], 3) : 'no history';
        svg.append(t);
        return svg;
    }
    const min = Math.min(...v);
    const max = Math.max(...v);
    const span = max - min || 1;
    const pts = v.map((y, i) => {
        const px = (i / (v.length - 1)) * (width - 2) + 1;
        const py = height - 2 - ((y - min) / span) * (height - 4);
        return px.toFixed(1) + ',' + py.toFixed(1);
    });
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', pts.join(' '));
    line.setAttribute('class', v[v.length - 1] >= v[0] ? 'spark-up' : 'spark-down');
    svg.append(line);
    return svg;
}
