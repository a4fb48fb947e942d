// Health: every component (services, infrastructure, exchange feeds) as a colored matrix, every 5 s.
import {api} from '../api.js';
import {h, fill, panel, message, badge, time} from '../ui.js';

const GROUPS = [['service', 'Services'], ['infrastructure', 'Infrastructure'], ['feed', 'Exchange feeds']];

export function mount(root) {
    const overall = h('span', {id: 'overall'}, badge('unknown', 'checking…'));
    const checked = h('span', {class: 'muted small'});
    root.append(h('div', {class: 'toolbar'}, h('h1', {class: 'title'}, 'Health'), overall, checked,
        h('span', {class: 'spacer'}),
        h('a', {href: '/swagger-ui', target: '_blank'}, 'API (Swagger UI)'),
        h('a', {href: '/q/metrics', target: '_blank'}, 'Prometheus metrics'),
        h('a', {href: '/version', target: '_blank'}, 'Version')));
    const p = panel('Components', {id: 'health-panel'});
    const matrix = h('div', {class: 'health-matrix', id: 'health-matrix'});
    p.body.append(matrix);
    root.append(p.el);

    function render(data) {
        fill(overall, badge(data.status, data.status));
        checked.textContent = 'checked ' + time(data.checked_at);
        const comps = Object.entries(data.components || {});
        const known = new Set(GROUPS.map(g => g[0]));
        const groups = [...GROUPS, ['other', 'Other']];
        fill(matrix, groups.map(([key, title]) => {
            const members = comps.filter(([, c]) => key === 'other' ? !known.has(c.group) : c.group === key)
                .sort((a, b) => a[0].localeCompare(b[0]));
            if (!members.length) return null;
            return h('div', {class: 'health-group'}, h('h3', {}, title), h('div', {class: 'health-cells'},
                members.map(([name, c]) => h('div', {class: 'health-cell health-' + (c.status || 'unknown'), 'data-component': name},
                    h('div', {class: 'health-name'}, name),
                    h('div', {class: 'health-status'}, c.status || 'unknown',
                        typeof c.latency_ms === 'number' ? h('span', {class: 'muted'}, ` · ${c.latency_ms} ms`) : ''),
                    c.detail ? h('div', {class: 'health-detail', title: typeof c.detail === 'string' ? c.detail : JSON.stringify(c.detail)},
                        typeof c.detail === 'string' ? c.detail : JSON.stringify(c.detail)) : null))));
        }));
    }

    function load() {
        api('/health').then(({data}) => {
            message(p.msg, '');
            render(data);
        }).catch(e => {
            // an unhealthy platform may answer 503 with the matrix in the body
            if (e.body && e.body.components) {
                message(p.msg, '');
                render(e.body);
            } else {
                fill(overall, badge('unhealthy', 'unknown'));
                message(p.msg, 'Health unavailable — ' + e.message);
            }
        });
    }

    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
}
