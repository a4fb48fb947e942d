// Token detail #/token/{mint}: fields, latest score with components, pools, status history, score chart.
import {api, query, adminToken} from '../api.js';
import {LineChart} from '../chart.js';
import {h, fill, panel, message, degradedBadge, badge, usd, num, price, time, isNum} from '../ui.js';

export function mount(root, {args}) {
    const mint = args[0] || '';
    const path = '/tokens/' + encodeURIComponent(mint);
    let chart = null;

    const title = h('h1', {class: 'title'}, 'Token ', h('span', {class: 'mono'}, mint));
    const refreshBtn = h('button', {id: 'refresh-metrics'}, 'Refresh metrics');
    const refreshMsg = h('div', {class: 'msg'});
    root.append(h('div', {class: 'toolbar'}, h('a', {href: '#/tokens'}, '← Tokens'), title, h('span', {class: 'spacer'}),
        refreshBtn), refreshMsg);

    const info = panel('Token', {id: 'token-info'});
    const score = panel('Latest score', {id: 'token-score'});
    const scoresPanel = panel('Score history', {id: 'token-scores'});
    const chartBox = h('div', {id: 'score-chart', class: 'chart chart-small', 'data-points': '0'});
    scoresPanel.body.append(chartBox);
    const pools = panel('Pools', {id: 'token-pools'});
    const historyPanel = panel('Status history', {id: 'token-history'});
    root.append(h('div', {class: 'grid-2'}, info.el, score.el), scoresPanel.el, h('div', {class: 'grid-2'}, pools.el, historyPanel.el));

    refreshBtn.addEventListener('click', () => {
        if (!adminToken()) {
            message(refreshMsg, 'Enter the admin token on the Settings page first.');
            return;
        }
        refreshBtn.disabled = true;
        api(path + '/refresh', {method: 'POST', admin: true})
            .then(({data}) => message(refreshMsg, 'Refresh requested' + (data && data.correlation_id ? ' (' + data.correlation_id + ')' : '')
                + '; new metrics follow within seconds.', 'ok'))
            .catch(e => message(refreshMsg, e.message))
            .finally(() => { refreshBtn.disabled = false; });
    });

    function load() {
        api(path).then(({data: t, degraded}) => {
            degradedBadge(info.degraded, degraded, t.degraded_reason);
            fill(title, t.symbol || 'Token', ' ', h('span', {class: 'muted'}, t.name || ''), ' ', badge(t.status));
            fill(info.body, kvTable([
                ['Mint', h('span', {class: 'mono'}, t.mint)],
                ['Status', badge(t.status)],
                ['Status since', time(t.status_since)],
                ['Migrated', time(t.migrated_at)],
                ['Venue', t.venue || '–'],
                ['Smoothed score', isNum(t.smoothed_score) ? t.smoothed_score.toFixed(4) : '–'],
                ['Liquidity', usd(t.liquidity_usd)],
                ['Price', isNum(t.price_usd) ? '$' + price(t.price_usd) : '–'],
                ['FDV', usd(t.fdv)],
                ['Tx 1h / volume 1h', num(t.h1_tx_count, 0) + ' / ' + usd(t.h1_volume_usd)],
                ['Pools (active)', `${t.pool_count ?? '–'} (${t.active_pool_count ?? '–'})`],
                ['Metrics at', time(t.metrics_at)],
            ]));
            renderScore(t.latest_score);
        }).catch(e => {
            message(info.msg, e.status === 404 ? 'Unknown token ' + mint : 'Token unavailable — ' + e.message);
            message(score.msg, '');
        });

        api(path + '/pools').then(({data, degraded}) => {
            degradedBadge(pools.degraded, degraded);
            const list = data.pools || [];
            fill(pools.body, list.length ? h('table', {class: 'data', id: 'pools-table'},
                h('thead', {}, h('tr', {}, ['Address', 'DEX', 'Liquidity', 'Price', 'Tradeable', 'Active', 'Last seen'].map(x => h('th', {}, x)))),
                h('tbody', {}, list.map(p => h('tr', {},
                    h('td', {class: 'mono', title: p.address}, short(p.address)),
                    h('td', {}, p.dex || '–', p.labels && p.labels.length ? h('span', {class: 'muted small'}, ' ' + p.labels.join(', ')) : ''),
                    h('td', {}, usd(p.liquidity_usd)),
                    h('td', {}, isNum(p.price_usd) ? '$' + price(p.price_usd) : '–'),
                    h('td', {}, p.tradeable ? 'yes' : 'no'),
                    h('td', {}, p.active ? 'yes' : 'no'),
                    h('td', {class: 'muted small'}, time(p.last_seen))))))
                : h('div', {class: 'muted'}, 'No pools known yet.'));
        }).catch(e => message(pools.msg, 'Pools unavailable — ' + e.message));

        api(path + '/history').then(({data, degraded}) => {
            degradedBadge(historyPanel.degraded, degraded);
            const list = data.history || [];
            fill(historyPanel.body, list.length ? h('table', {class: 'data'},
                h('thead', {}, h('tr', {}, ['At', 'From', 'To', 'Reason'].map(x => h('th', {}, x)))),
                h('tbody', {}, list.map(r => h('tr', {}, h('td', {}, time(r.changed_at)),
                    h('td', {}, r.old_status ? badge(r.old_status) : '–'), h('td', {}, badge(r.new_status)), h('td', {}, r.reason || '')))))
                : h('div', {class: 'muted'}, 'No status changes.'));
        }).catch(e => message(historyPanel.msg, 'History unavailable — ' + e.message));

        api(path + '/scores' + query({limit: 200})).then(({data, degraded}) => {
            degradedBadge(scoresPanel.degraded, degraded);
            const points = data.points || data.scores || [];
            if (chart) chart.destroy();
            fill(chartBox);
            chart = new LineChart(chartBox, [{key: 'smoothed', title: 'Smoothed'}, {key: 'value', title: 'Score'}],
                {height: 220, priceFormat: {type: 'price', precision: 3, minMove: 0.001}});
            chart.set('smoothed', points.map(p => ({time: p.scored_at / 1000, value: p.smoothed_score})));
            chart.set('value', points.map(p => ({time: p.scored_at / 1000, value: p.score})));
            chart.fit();
            message(scoresPanel.msg, points.length ? '' : 'Not scored yet.', 'info');
        }).catch(e => message(scoresPanel.msg, e.status === 404 ? 'Not scored yet.' : 'Score history unavailable — ' + e.message,
            e.status === 404 ? 'info' : 'error'));
    }

    function renderScore(s) {
        if (!s) {
            fill(score.body, h('div', {class: 'muted'}, 'Not scored yet.'));
            return;
        }
        const comps = Object.keys({...(s.raw_components || {}), ...(s.smoothed_components || {})});
        fill(score.body,
            kvTable([
                ['Score / smoothed', `${num(s.score, 4)} / ${num(s.smoothed_score, 4)}`],
                ['Model', s.model || '–'],
                ['Data quality', badge(s.data_quality)],
                ['Issues', (s.issues || []).join(', ') || '–'],
                ['Scored at', time(s.scored_at)],
            ]),
            comps.length ? h('table', {class: 'data', id: 'components-table'},
                h('thead', {}, h('tr', {}, h('th', {}, 'Component'), h('th', {}, 'Raw'), h('th', {}, 'Smoothed'))),
                h('tbody', {}, comps.map(c => h('tr', {}, h('td', {}, c),
                    h('td', {}, num((s.raw_components || {})[c], 4)), h('td', {}, num((s.smoothed_components || {})[c], 4))))))
                : null,
            metricsTable(s.metrics_used || s.metrics));
    }

    load();
    const timer = setInterval(load, 15000);
    return () => {
        clearInterval(timer);
        if (chart) chart.destroy();
    };
}

function kvTable(rows) {
    return h('table', {class: 'kv-table'}, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

function metricsTable(m) {
    if (!m || typeof m !== 'object' || !Object.keys(m).length) return null;
    return h('details', {class: 'metrics'}, h('summary', {}, 'Metrics used'),
        kvTable(Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? num(v, 4) : JSON.stringify(v)])));
}

function short(s) {
    return s && s.length > 14 ? s.slice(0, 6) + '…' + s.slice(-4) : (s || '');
}
