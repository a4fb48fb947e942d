// Depth: bid/ask USD value within a depth band over time (history + live), DIFF per depth, top-20 book.
import {api, query} from '../api.js';
import {liveSocket} from '../ws.js';
import {LineChart} from '../chart.js';
import {h, fill, panel, message, degradedBadge, usd, price, num, signed, ago, isNum} from '../ui.js';

const EXCHANGES = ['binance', 'bybit', 'bitget', 'htx', 'gateio'];
const MARKETS = ['futures', 'spot'];
const DEPTHS = ['1.5', '3', '5', '8', '15', '30'];
const SIDES = [['both', 'Bid + Ask'], ['bid', 'Bid'], ['ask', 'Ask']];
const BOOK_REFRESH_MS = 2000;

export function mount(root, {params}) {
    const state = {
        exchange: pick(params.get('exchange'), EXCHANGES, 'binance'),
        market: pick(params.get('market'), MARKETS, 'futures'),
        symbol: (params.get('symbol') || 'BTCUSDT').toUpperCase(),
        depth: pick(params.get('depth'), DEPTHS, '5'),
        side: pick(params.get('side'), SIDES.map(s => s[0]), 'both'),
    };
    let books = [];
    let chart = null;
    let socket = null;
    let bookTimer = null;
    let generation = 0;   // answers for an older selection are dropped
    let socketLive = false;
    let historyLoaded = false;   // live points only after the history (a chart takes no point older than its last)

    // ---- toolbar ----------------------------------------------------------------------------
    const select = (id, options, value) => h('select', {id, name: id},
        options.map(o => {
            const [v, label] = Array.isArray(o) ? o : [o, o];
            return h('option', {value: v, selected: v === value}, label);
        }));
    const exchangeSel = select('exchange', EXCHANGES, state.exchange);
    const marketSel = select('market', MARKETS, state.market);
    const symbolInput = h('input', {id: 'symbol', name: 'symbol', value: state.symbol, list: 'symbol-list',
        autocomplete: 'off', spellcheck: 'false', size: 14});
    const symbolList = h('datalist', {id: 'symbol-list'});
    const depthSel = select('depth', DEPTHS.map(d => [d, d + ' %']), state.depth);
    const sideSel = select('side', SIDES, state.side);
    const csvLink = h('a', {id: 'csv-export', class: 'button', download: ''}, 'Export CSV');
    const liveState = h('span', {id: 'live-state', class: 'badge badge-connecting'}, 'connecting');
    const toolbar = h('form', {class: 'toolbar', id: 'depth-form'},
        h('label', {}, 'Exchange ', exchangeSel),
        h('label', {}, 'Market ', marketSel),
        h('label', {}, 'Symbol ', symbolInput, symbolList),
        h('label', {}, 'Depth ', depthSel),
        h('label', {}, 'Side ', sideSel),
        h('button', {type: 'submit'}, 'Show'),
        csvLink,
        h('span', {class: 'spacer'}),
        liveState);

    // ---- panels ------------------------------------------------------------------------------
    const chartPanel = panel('Liquidity (USD value within the band)', {id: 'chart-panel'});
    const chartBox = h('div', {id: 'depth-chart', class: 'chart', 'data-points': '0'});
    chartPanel.body.append(chartBox);

    const diffPanel = panel('DIFF by depth', {id: 'diff-panel'});
    const diffGrid = h('div', {id: 'diff-grid', class: 'diff-grid'});
    diffPanel.body.append(diffGrid);

    const bookPanel = panel('Order book (top 20)', {id: 'book-panel'});
    const summary = h('div', {id: 'book-summary', class: 'book-summary'});
    const bidsTable = bookTable('book-bids', 'Bids', 'bid');
    const asksTable = bookTable('book-asks', 'Asks', 'ask');
    bookPanel.body.append(summary, h('div', {class: 'book-sides'}, bidsTable.table, asksTable.table));

    root.append(toolbar, h('div', {class: 'depth-layout'},
        h('div', {class: 'depth-main'}, chartPanel.el, diffPanel.el),
        bookPanel.el));

    // ---- behaviour ---------------------------------------------------------------------------
    const apply = () => {
        const symbol = symbolInput.value.trim().toUpperCase().replace(/[^A-Z0-9/:_-]/g, '');
        if (!symbol) {
            return;   // being typed: the field was just cleared
        }
        state.exchange = exchangeSel.value;
        state.market = marketSel.value;
        state.symbol = symbol;
        symbolInput.value = symbol;
        state.depth = depthSel.value;
        state.side = sideSel.value;
        history.replaceState(null, '', '#/depth' + query(state));
        start();
    };
    toolbar.addEventListener('submit', (e) => {
        e.preventDefault();
        apply();
    });
    for (const el of [exchangeSel, marketSel, depthSel, sideSel, symbolInput]) {
        el.addEventListener('change', () => {
            if (el === exchangeSel || el === marketSel) {
                fillSymbols();
            }
            apply();
        });
    }

    function fillSymbols() {
        const here = books.filter(b => b.exchange === exchangeSel.value && b.market === marketSel.value);
        fill(symbolList, here.map(b => h('option', {value: b.symbol}, b.unified || b.symbol)));
    }

    api('/api/books').then(({data}) => {
        books = Array.isArray(data) ? data : (data && data.books) || [];
        fillSymbols();
    }).catch(() => { /* the symbol stays free text */ });

    function start() {
        stop();
        const gen = ++generation;
        const chartQuery = {
            exchange: state.exchange, marketType: state.market, symbol: state.symbol,
            depth: state.depth, type: state.side,
        };
        csvLink.href = '/api/chart-data' + query({...chartQuery, format: 'csv'});
        chartPanel.el.querySelector('h2').textContent =
            `${state.symbol} ${state.market} · ${state.exchange} — USD value within ${state.depth} %`;
        // nothing of the previous selection stays on screen
        fill(bidsTable.tbody);
        fill(asksTable.tbody);
        fill(summary);
        delete summary.dataset.full;
        fill(diffGrid);
        for (const p of [chartPanel, diffPanel, bookPanel]) {
            message(p.msg, '');
            degradedBadge(p.degraded, false);
        }

        if (chart) {
            chart.destroy();
        }
        fill(chartBox);
        const series = state.side === 'both'
            ? [{key: 'bid', title: 'Bid'}, {key: 'ask', title: 'Ask'}]
            : [{key: state.side, title: state.side === 'bid' ? 'Bid' : 'Ask'}];
        chart = new LineChart(chartBox, series, {bucket: 60});   // one point per minute, like the history
        message(chartPanel.msg, 'Loading history…', 'info');

        api('/api/chart-data' + query(chartQuery)).then(({data, degraded}) => {
            if (gen !== generation) return;
            degradedBadge(chartPanel.degraded, degraded, data && data.degraded_reason);
            if (state.side === 'both') {
                chart.set('bid', data.bid || []);
                chart.set('ask', data.ask || []);
            } else {
                chart.set(state.side, data.data || []);
            }
            chart.fit();
            const n = Number(chartBox.dataset.points);
            message(chartPanel.msg, n ? '' : 'No stored history yet (one point per minute); live points follow.', 'info');
        }).catch(e => {
            if (gen !== generation) return;
            message(chartPanel.msg, 'History unavailable — ' + e.message + '. Live points still follow.');
        }).finally(() => {
            if (gen !== generation) return;
            historyLoaded = true;
            openSocket(gen);
        });

        refreshBook(gen);
        bookTimer = setInterval(() => refreshBook(gen), BOOK_REFRESH_MS);
    }

    function openSocket(gen) {
        const path = `/ws/depth/${encodeURIComponent(state.exchange)}/${encodeURIComponent(state.market)}/`
            + encodeURIComponent(state.symbol);
        socket = liveSocket(path, {
            onStatus: (s) => {
                socketLive = s === 'live';
                liveState.className = 'badge badge-' + s;
                liveState.textContent = s === 'live' ? s : s + ' (polling)';
            },
            onFrame: (frame) => {
                if (gen !== generation) return;
                if (frame.type === 'error') {
                    message(chartPanel.msg, 'Live updates: ' + (frame.data && frame.data.message || frame.message || 'error'));
                    return;
                }
                const d = frame.data;
                if (!d || !Array.isArray(d.bands)) return;
                plot(d);
                renderDiff(d.bands);
                renderSummary(d, false);
            },
        });
    }

    /** Appends the selected band of a depth update (WebSocket, or the 2 s poll while the socket is down). */
    function plot(d) {
        const band = (d.bands || []).find(b => Math.abs(b.depth - Number(state.depth)) < 1e-9);
        if (!band || !chart) return;
        const t = (d.timestamp || Date.now()) / 1000;
        if (state.side !== 'ask') chart.append('bid', t, band.bid_value_usd);
        if (state.side !== 'bid') chart.append('ask', t, band.ask_value_usd);
        if (chartPanel.msg.classList.contains('msg-info')) message(chartPanel.msg, '');
    }

    function refreshBook(gen) {
        api(`/api/depth/${encodeURIComponent(state.exchange)}/${encodeURIComponent(state.market)}`
            + query({symbol: state.symbol})).then(({data, degraded}) => {
            if (gen !== generation) return;
            message(bookPanel.msg, '');
            degradedBadge(bookPanel.degraded, degraded, data.degraded_reason);
            degradedBadge(diffPanel.degraded, degraded, data.degraded_reason);
            renderSummary(data, true);
            if (!socketLive && historyLoaded) plot(data);
            renderBook(bidsTable, data.bids);
            renderBook(asksTable, data.asks);
            renderDiff(data.bands);
            message(diffPanel.msg, '');
        }).catch(e => {
            if (gen !== generation) return;
            const text = e.status === 404 ? `No current book for ${state.symbol} (${state.exchange} ${state.market}).`
                : 'Order book unavailable — ' + e.message;
            message(bookPanel.msg, text);
            if (!diffGrid.childElementCount) message(diffPanel.msg, text);
        });
    }

    function renderSummary(d, full) {
        const items = [
            ['Best bid', price(d.best_bid), 'bid'],
            ['Best ask', price(d.best_ask), 'ask'],
            ['Mid', price(d.mid)],
            ['Spread', price(d.spread, d.mid) + (isNum(d.spread_bps) ? ` (${d.spread_bps.toFixed(2)} bps)` : '')],
        ];
        if (full) {
            items.push(['Updated', ago(d.timestamp)], ['Source', d.source || '–']);
            summary.dataset.full = '1';
        } else if (summary.dataset.full) {
            // keep the REST answer's extra fields; refresh the prices only
            const cells = summary.querySelectorAll('.kv b');
            items.forEach(([, v], i) => { if (cells[i]) cells[i].textContent = v; });
            return;
        }
        fill(summary, items.map(([k, v, cls]) => h('span', {class: 'kv'}, k + ' ', h('b', {class: cls || ''}, v))));
    }

    function renderDiff(bands) {
        if (!Array.isArray(bands)) return;
        fill(diffGrid, bands.map(b => {
            const pct = b.percentage;
            const cls = pct > 0 ? 'pos' : pct < 0 ? 'neg' : 'flat';
            return h('div', {class: 'diff-card ' + cls, 'data-depth': b.depth,
                    title: `bid ${num(b.bid_volume)} vs ask ${num(b.ask_volume)} (base units)`},
                h('div', {class: 'diff-depth'}, b.depth + ' %'),
                h('div', {class: 'diff-pct'}, signed(pct, 2, ' %')),
                h('div', {class: 'diff-abs'}, 'diff ' + signed(b.diff, 3)),
                h('div', {class: 'diff-usd'}, h('span', {class: 'bid'}, usd(b.bid_value_usd)), ' / ',
                    h('span', {class: 'ask'}, usd(b.ask_value_usd))));
        }));
    }

    function stop() {
        generation++;
        socketLive = false;
        historyLoaded = false;
        clearInterval(bookTimer);
        bookTimer = null;
        if (socket) {
            socket.close();
            socket = null;
        }
    }

    start();
    return () => {
        stop();
        if (chart) chart.destroy();
    };
}

function pick(value, allowed, fallback) {
    return allowed.includes(value) ? value : fallback;
}

function bookTable(id, title, side) {
    const tbody = h('tbody');
    const table = h('table', {id, class: 'book ' + side},
        h('caption', {}, title),
        h('thead', {}, h('tr', {}, h('th', {}, 'Price'), h('th', {}, 'Size'), h('th', {}, 'Cumulative'))),
        tbody);
    return {table, tbody};
}

/** levels: [[price, size], …] best first. */
function renderBook(t, levels) {
    let cum = 0;
    const rows = (levels || []).slice(0, 20).map(level => {
        const [p, s] = Array.isArray(level) ? level : [level.price, level.size ?? level.quantity];
        cum += isNum(s) ? s : 0;
        return h('tr', {class: 'level'}, h('td', {class: 'price'}, price(p)), h('td', {}, num(s, 4)), h('td', {}, num(cum, 4)));
    });
    fill(t.tbody, rows.length ? rows : h('tr', {}, h('td', {colspan: 3, class: 'muted'}, 'no levels')));
}
