// Settings: the pipeline settings form (PUT /settings), recalculate, the collector's symbols; admin token.
import {api, adminToken, setAdminToken} from '../api.js';
import {h, fill, panel, message, degradedBadge, time} from '../ui.js';

// Every field of PipelineSettings (contracts), grouped; int = whole numbers only.
const GROUPS = [
    ['Scoring', [
        ['scoring_model', 'Active model', 'text'],
        ['w_tx', 'Weight tx_accel'], ['w_vol', 'Weight vol_momentum'],
        ['w_fresh', 'Weight token_freshness'], ['w_oi', 'Weight orderflow_imbalance'],
        ['ewma_alpha', 'EWMA α (0, 1]'],
    ]],
    ['Lifecycle', [
        ['min_liquidity_usd', 'Min liquidity USD (activation)'], ['min_tx_count', 'Min tx count', 'int'],
        ['min_score', 'Min score (deactivation)'], ['low_score_hours', 'Low score hours'],
        ['low_activity_checks', 'Low activity checks', 'int'], ['archive_after_hours', 'Archive after hours'],
    ]],
    ['Export (NotArb markets file)', [
        ['min_score_for_config', 'Min score for config'], ['config_top_count', 'Top tokens in config', 'int'],
    ]],
    ['Refresh cadence', [
        ['hot_score_threshold', 'Hot score threshold'], ['hot_interval_seconds', 'Hot interval (s)', 'int'],
        ['cold_interval_seconds', 'Cold interval (s)', 'int'],
    ]],
];

export function mount(root) {
    const tokenPanel = panel('Admin token', {id: 'admin-panel'});
    const tokenInput = h('input', {id: 'admin-token', type: 'password', value: adminToken(), size: 36,
        placeholder: 'GATEWAY_ADMIN_TOKEN', autocomplete: 'off'});
    const tokenForm = h('form', {class: 'toolbar'}, tokenInput, h('button', {type: 'submit'}, 'Keep for this session'),
        h('button', {type: 'button', onclick: () => { tokenInput.value = ''; setAdminToken(''); message(tokenPanel.msg, 'Token forgotten.', 'info'); }}, 'Forget'));
    tokenForm.addEventListener('submit', (e) => {
        e.preventDefault();
        setAdminToken(tokenInput.value.trim());
        message(tokenPanel.msg, tokenInput.value.trim() ? 'Token kept in this tab (sessionStorage).' : 'Token forgotten.', 'ok');
    });
    tokenPanel.body.append(tokenForm,
        h('p', {class: 'muted small'}, 'Changing settings, symbols, refresh and recalculate need the bearer token; reading does not.'));

    const settingsPanel = panel('Pipeline settings', {id: 'settings-panel'});
    const meta = h('span', {class: 'muted small'});
    const inputs = {};
    const errors = {};
    const form = h('form', {id: 'settings-form', class: 'settings-form'});
    for (const [title, fields] of GROUPS) {
        form.append(h('fieldset', {}, h('legend', {}, title), fields.map(([key, label, kind]) => {
            inputs[key] = h('input', {name: key, id: 'setting-' + key, type: kind === 'text' ? 'text' : 'number',
                step: kind === 'int' ? '1' : 'any'});
            errors[key] = h('div', {class: 'field-error'});
            return h('label', {class: 'field'}, h('span', {}, label, h('code', {}, key)), inputs[key], errors[key]);
        })));
    }
    errors.weights = h('div', {class: 'field-error', id: 'error-weights'});
    const saveBtn = h('button', {type: 'submit'}, 'Save settings');
    const recalcBtn = h('button', {type: 'button', id: 'recalculate'}, 'Recalculate scores');
    form.append(errors.weights, h('div', {class: 'toolbar'}, saveBtn, h('button', {type: 'button', onclick: load}, 'Reload'),
        recalcBtn, meta));
    settingsPanel.body.append(form);

    const symbolsPanel = panel('Collector symbols', {id: 'symbols-panel'});
    const symbolList = h('div', {class: 'chips', id: 'symbol-chips'});
    const newSymbol = h('input', {id: 'new-symbol', placeholder: 'SOL/USDT:USDT', size: 18});
    const symbolForm = h('form', {class: 'toolbar'}, newSymbol, h('button', {type: 'submit'}, 'Add'),
        h('button', {type: 'button', onclick: () => loadSymbols()}, 'Reload'));
    const controlOut = h('pre', {class: 'control-response', id: 'control-response'});
    symbolsPanel.body.append(symbolList, symbolForm, controlOut);

    root.append(h('div', {class: 'grid-2'}, tokenPanel.el, symbolsPanel.el), settingsPanel.el);

    function clearErrors() {
        Object.values(errors).forEach(e => { e.textContent = ''; });
        Object.values(inputs).forEach(i => i.classList.remove('invalid'));
    }

    function load() {
        clearErrors();
        api('/settings').then(({data, degraded}) => {
            degradedBadge(settingsPanel.degraded, degraded, data.degraded_reason);
            message(settingsPanel.msg, '');
            const s = data.settings || {};
            for (const [key, input] of Object.entries(inputs)) {
                input.value = s[key] ?? '';
            }
            meta.textContent = `version ${data.version ?? '?'}, updated ${time(data.updated_at)}`;
        }).catch(e => message(settingsPanel.msg, 'Settings unavailable — ' + e.message));
    }

    form.addEventListener('submit', (e) => {
        e.preventDefault();
        clearErrors();
        const body = {};
        for (const [key, input] of Object.entries(inputs)) {
            if (input.value === '') continue;
            body[key] = input.type === 'number' ? Number(input.value) : input.value.trim();
        }
        saveBtn.disabled = true;
        api('/settings', {method: 'PUT', body, admin: true}).then(({data}) => {
            message(settingsPanel.msg, `Saved: version ${data.version}. Every service follows within 5 s.`, 'ok');
            meta.textContent = `version ${data.version ?? '?'}, updated ${time(data.updated_at)}`;
        }).catch(err => {
            const fields = err.body && err.body.fields;
            if (err.status === 400 && fields) {
                for (const [key, text] of Object.entries(fields)) {
                    const target = errors[key] || errors.weights;
                    target.textContent = (errors[key] ? '' : key + ': ') + text;
                    if (inputs[key]) inputs[key].classList.add('invalid');
                }
                message(settingsPanel.msg, 'Not saved: fix the marked fields.');
            } else {
                message(settingsPanel.msg, 'Not saved — ' + err.message);
            }
        }).finally(() => { saveBtn.disabled = false; });
    });

    recalcBtn.addEventListener('click', () => {
        recalcBtn.disabled = true;
        api('/admin/recalculate', {method: 'POST', admin: true, timeoutMs: 60000})
            .then(({data}) => message(settingsPanel.msg,
                `Recalculated ${data.recalculated ?? '?'} tokens (skipped ${data.skipped ?? 0}).`, 'ok'))
            .catch(err => message(settingsPanel.msg, 'Recalculate failed — ' + err.message))
            .finally(() => { recalcBtn.disabled = false; });
    });

    function showControl(data) {
        controlOut.textContent = JSON.stringify(data, null, 2);
    }

    function renderSymbols(data) {
        const symbols = (data && data.data && data.data.symbols) || (data && data.symbols) || [];
        fill(symbolList, symbols.length ? symbols.map(s => h('span', {class: 'chip'}, s,
            h('button', {type: 'button', title: 'remove ' + s, onclick: () => removeSymbol(s)}, '×')))
            : h('span', {class: 'muted'}, 'No symbols.'));
    }

    /** keepMessage: after add/remove, the command's outcome stays on screen. */
    function loadSymbols(keepMessage = false) {
        api('/api/collector/symbols').then(({data, degraded}) => {
            degradedBadge(symbolsPanel.degraded, degraded);
            if (!keepMessage) {
                message(symbolsPanel.msg, data && data.success === false ? 'Collector: ' + (data.message || data.error) : '');
                showControl(data);
            }
            renderSymbols(data);
        }).catch(e => {
            message(symbolsPanel.msg, 'Symbols unavailable — ' + e.message);
            if (e.body) showControl(e.body);
        });
    }

    function control(promise) {
        promise.then(({data}) => {
            showControl(data);
            message(symbolsPanel.msg, data && data.success === false ? 'Collector: ' + (data.message || data.error)
                : (data && data.message) || 'Done.', data && data.success === false ? 'error' : 'ok');
            loadSymbols(true);
        }).catch(e => {
            message(symbolsPanel.msg, e.message);
            if (e.body) showControl(e.body);
        });
    }

    function removeSymbol(s) {
        control(api('/api/collector/symbols?symbol=' + encodeURIComponent(s), {method: 'DELETE', admin: true}));
    }

    symbolForm.addEventListener('submit', (e) => {
        e.preventDefault();
        const s = newSymbol.value.trim();
        if (!s) return;
        control(api('/api/collector/symbols', {method: 'POST', body: {symbol: s}, admin: true}));
    });

    load();
    loadSymbols();
    return null;
}
