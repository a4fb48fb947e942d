// Tokens: migrated pump.fun tokens sorted by smoothed score, with status, sparkline and live scores.
import {api, query} from '../api.js';
import {liveSocket} from '../ws.js';
import {h, fill, panel, message, degradedBadge, badge, usd, num, ago, shortMint, sparkline, isNum} from '../ui.js';

const STATUSES = ['', 'monitoring', 'active', 'archived'];
const RELOAD_MS = 10000;
const SPARK_MAX = 60;

export function mount(root, {params}) {
    let status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
    const rows = new Map();   // mint → {token, tr}

    const counters = h('div', {class: 'counters', id: 'token-stats'});
    const statusSel = h('select', {id: 'status-filter'},
        STATUSES.map(s => h('option', {value: s, selected: s === status}, s || 'all statuses')));
    const liveState = h('span', {class: 'badge badge-connecting'}, 'connecting');
    const updated = h('span', {class: 'muted small'});
    const toolbar = h('div', {class: 'toolbar'}, h('label', {}, 'Status ', statusSel), updated,
        h('span', {class: 'spacer'}), h('a', {href: '/config/dynamic_strategy.toml', target: '_blank'}, 'NotArb markets file'),
        liveState);

    const statsPanel = panel('Tokens by status', {id: 'stats-panel'});
    statsPanel.body.append(counters);
    const tablePanel = panel('Tokens by score', {id: 'tokens-panel'});
    const tbody = h('tbody');
    tablePanel.body.append(h('div', {class: 'scroll'}, h('table', {class: 'data clickable', id: 'tokens-table'},
        h('thead', {}, h('tr', {}, ['#', 'Token', 'Mint', 'Status', 'Score', 'Raw', 'Trend', 'Liquidity', 'Tx 1h', 'Scored']
            .map(t => h('th', {}, t)))),
        tbody)));
    root.append(toolbar, statsPanel.el, tablePanel.el);

    statusSel.addEventListener('change', () => {
        status = statusSel.value;
        history.replaceState(null, '', '#/tokens' + query({status}));
        fill(tbody);
        rows.clear();
        load();
    });

    function load() {
        api('/tokens' + query({status, sort: 'score', order: 'desc', limit: 100, sparklines: 'true'}))
            .then(({data, degraded}) => {
                degradedBadge(tablePanel.degraded, degraded, data.degraded_reason);
                message(tablePanel.msg, '');
                render(data.tokens || []);
                updated.textContent = 'loaded ' + new Date().toLocaleTimeString('en-GB');
            })
            .catch(e => message(tablePanel.msg, 'Tokens unavailable — ' + e.message));
        api('/tokens/stats').then(({data, degraded}) => {
            degradedBadge(statsPanel.degraded, degraded);
            message(statsPanel.msg, '');
            fill(counters, ['monitoring', 'active', 'archived', 'total'].map(k =>
                h('div', {class: 'counter counter-' + k, id: 'count-' + k}, h('b', {}, data[k] ?? '–'), h('span', {}, k))));
        }).catch(e => message(statsPanel.msg, 'Counts unavailable — ' + e.message));
    }

    function render(tokens) {
        rows.clear();
        fill(tbody, tokens.length ? tokens.map((t, i) => {
            const tr = h('tr', {'data-mint': t.mint, onclick: () => { location.hash = '#/token/' + encodeURIComponent(t.mint); }});
            const entry = {token: {...t, sparkline: Array.isArray(t.sparkline) ? t.sparkline.slice() : []}, tr, rank: i + 1};
            rows.set(t.mint, entry);
            renderRow(entry);
            return tr;
        }) : h('tr', {}, h('td', {colspan: 10, class: 'muted'},
            status ? `No ${status} tokens.` : 'No tokens yet: they appear as migrations are seen.')));
    }

    function renderRow({token: t, tr, rank}) {
        const score = isNum(t.smoothed_score) ? t.smoothed_score : null;
        fill(tr,
            h('td', {class: 'muted'}, rank),
            // PumpPortal's migration frames carry no name: the mint stands in until one is known
            h('td', {}, h('a', {href: '#/token/' + encodeURIComponent(t.mint)}, h('b', {}, t.symbol || shortMint(t.mint))), ' ',
                h('span', {class: 'muted small'}, t.name || '')),
            h('td', {class: 'mono', title: t.mint}, shortMint(t.mint)),
            h('td', {}, badge(t.status)),
            h('td', {class: 'score ' + (score === null ? '' : score >= 0.7 ? 'pos' : score < 0.3 ? 'neg' : '')},
                score === null ? '–' : score.toFixed(3)),
            h('td', {class: 'muted'}, isNum(t.score) ? t.score.toFixed(3) : '–'),
            h('td', {}, sparkline(t.sparkline)),
            h('td', {}, usd(t.liquidity_usd)),
            h('td', {}, num(t.h1_tx_count, 0)),
            h('td', {class: 'muted small'}, ago(t.scored_at)));
    }

    function onScore(s) {
        const entry = s && rows.get(s.mint);
        if (!entry) return;
        const t = entry.token;
        if (isNum(s.scored_at) && isNum(t.scored_at) && s.scored_at <= t.scored_at) return;
        t.score = s.score;
        t.smoothed_score = s.smoothed_score;
        t.scored_at = s.scored_at;
        t.sparkline.push(s.smoothed_score);
        if (t.sparkline.length > SPARK_MAX) t.sparkline.shift();
        renderRow(entry);
        entry.tr.classList.remove('flash');
        void entry.tr.offsetWidth;
        entry.tr.classList.add('flash');
    }

    load();
    const timer = setInterval(load, RELOAD_MS);
    const socket = liveSocket('/ws/scores', {
        onStatus: (s) => {
            liveState.className = 'badge badge-' + s;
            liveState.textContent = s;
        },
        onFrame: (frame) => {
            if (frame.type === 'error') return;
            (Array.isArray(frame.data) ? frame.data : [frame.data]).forEach(onScore);
        },
    });

    return () => {
        clearInterval(timer);
        socket.close();
    };
}
