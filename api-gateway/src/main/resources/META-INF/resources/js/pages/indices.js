// Indices: TOTAL, TOTAL1, TOTAL2, OTHERS — latest values (live) and one index over the last hour.
import {api, query} from '../api.js';
import {liveSocket} from '../ws.js';
import {LineChart} from '../chart.js';
import {h, fill, panel, message, degradedBadge, usd, signed, time} from '../ui.js';

const NAMES = ['TOTAL', 'TOTAL1', 'TOTAL2', 'OTHERS'];
const MARKETS = ['futures', 'spot'];
const DEPTHS = ['1.5', '3', '5', '8', '15', '30'];

export function mount(root, {params}) {
    const state = {
        name: NAMES.includes(params.get('name')) ? params.get('name') : 'TOTAL',
        market: MARKETS.includes(params.get('market')) ? params.get('market') : 'futures',
        depth: DEPTHS.includes(params.get('depth')) ? params.get('depth') : '5',
    };
    const latest = new Map();   // "NAME/market" → index update
    let chart = null;
    let generation = 0;

    const sel = (id, options, value) => h('select', {id}, options.map(o => h('option', {value: o, selected: o === value}, o)));
    const nameSel = sel('index-name', NAMES, state.name);
    const marketSel = sel('index-market', MARKETS, state.market);
    const depthSel = sel('index-depth', DEPTHS, state.depth);
    const csvLink = h('a', {class: 'button', id: 'index-csv', download: ''}, 'Export CSV');
    const liveState = h('span', {class: 'badge badge-connecting'}, 'connecting');
    const toolbar = h('div', {class: 'toolbar'},
        h('label', {}, 'Index ', nameSel), h('label', {}, 'Market ', marketSel), h('label', {}, 'Depth % ', depthSel),
        csvLink, h('span', {class: 'spacer'}), liveState);

    const tablePanel = panel('Latest values', {id: 'indices-panel'});
    const tbody = h('tbody');
    tablePanel.body.append(h('table', {class: 'data', id: 'indices-table'},
        h('thead', {}, h('tr', {}, ['Index', 'Market', 'Symbols', 'Bid USD', 'Ask USD', 'DIFF %', 'At'].map(t => h('th', {}, t)))),
        tbody));
    const chartPanel = panel('History', {id: 'index-chart-panel'});
    const chartBox = h('div', {id: 'index-chart', class: 'chart', 'data-points': '0'});
    chartPanel.body.append(chartBox);
    root.append(toolbar, chartPanel.el, tablePanel.el);

    for (const s of [nameSel, marketSel, depthSel]) {
        s.addEventListener('change', () => {
            state.name = nameSel.value;
            state.market = marketSel.value;
            state.depth = depthSel.value;
            history.replaceState(null, '', '#/indices' + query(state));
            renderTable();
            loadChart();
        });
    }

    function band(update) {
        return (update.bands || []).find(b => Math.abs(b.depth - Number(state.depth)) < 1e-9);
    }

    function renderTable() {
        const rows = [...latest.values()].sort((a, b) => (a.market + a.name).localeCompare(b.market + b.name));
        fill(tbody, rows.length ? rows.map(u => {
            const b = band(u) || {};
            const cls = b.percentage > 0 ? 'pos' : b.percentage < 0 ? 'neg' : '';
            return h('tr', {class: u.name === state.name && u.market === state.market ? 'selected' : ''},
                h('td', {}, u.name), h('td', {}, u.market), h('td', {}, u.symbol_count ?? '–'),
                h('td', {class: 'bid'}, usd(b.bid_value_usd)), h('td', {class: 'ask'}, usd(b.ask_value_usd)),
                h('td', {class: cls}, signed(b.percentage, 2, ' %')), h('td', {}, time(u.timestamp)));
        }) : h('tr', {}, h('td', {colspan: 7, class: 'muted'}, 'No index values yet.')));
    }

    function loadChart() {
        const gen = ++generation;
        const q = query({market: state.market, depth: state.depth});
        csvLink.href = `/api/indices/${state.name}` + query({market: state.market, depth: state.depth, format: 'csv'});
        chartPanel.el.querySelector('h2').textContent = `${state.name} ${state.market} — USD value within ${state.depth} %`;
        if (chart) chart.destroy();
        fill(chartBox);
        chart = new LineChart(chartBox, [{key: 'bid', title: 'Bid'}, {key: 'ask', title: 'Ask'}], {bucket: 60});
        api(`/api/indices/${state.name}${q}`).then(({data, degraded}) => {
            if (gen !== generation) return;
            degradedBadge(chartPanel.degraded, degraded, data.degraded_reason);
            const rows = data.data || [];
            chart.set('bid', rows.map(r => ({time: r.time, value: r.bid_value_usd})));
            chart.set('ask', rows.map(r => ({time: r.time, value: r.ask_value_usd})));
            chart.fit();
            message(chartPanel.msg, rows.length ? '' : 'No stored history yet (one point per minute); live points follow.', 'info');
        }).catch(e => {
            if (gen === generation) message(chartPanel.msg, 'History unavailable — ' + e.message);
        });
    }

    function take(update) {
        if (!update || !update.name) return;
        latest.set(update.name + '/' + update.market, update);
        if (update.name === state.name && update.market === state.market && chart) {
            const b = band(update);
            if (b) {
                chart.append('bid', update.timestamp / 1000, b.bid_value_usd);
                chart.append('ask', update.timestamp / 1000, b.ask_value_usd);
            }
        }
    }

    api('/api/indices').then(({data, degraded}) => {
        degradedBadge(tablePanel.degraded, degraded);
        for (const u of Array.isArray(data) ? data : (data && data.indices) || []) {
            if (!latest.has(u.name + '/' + u.market)) latest.set(u.name + '/' + u.market, u);
        }
        renderTable();
    }).catch(e => {
        message(tablePanel.msg, 'Indices unavailable — ' + e.message);
        renderTable();
    });
    loadChart();

    const socket = liveSocket('/ws/indices', {
        onStatus: (s) => {
            liveState.className = 'badge badge-' + s;
            liveState.textContent = s;
        },
        onFrame: (frame) => {
            if (frame.type === 'error') return;
            const items = Array.isArray(frame.data) ? frame.data : [frame.data];
            items.forEach(take);
            renderTable();
        },
    });

    return () => {
        generation++;
        socket.close();
        if (chart) chart.destroy();
    };
}
