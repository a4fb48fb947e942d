// Line charts on TradingView Lightweight Charts v5 (the standalone build defines window.LightweightCharts).
// The container keeps `data-points` = the number of points plotted and `data-live-at` = when the last
// live value arrived (epoch ms); the browser test reads both.

const COLORS = {bid: '#26a69a', ask: '#ef5350', value: '#42a5f5', smoothed: '#ffb74d'};

export class LineChart {
    /**
     * series: [{key: 'bid', title: 'Bid USD'}, …]. bucket: seconds per point of live values — a live
     * value updates the point of its bucket, as the current candle of a trading chart does, so live
     * points keep the history's spacing (the time axis spaces points evenly, whatever their times).
     */
    constructor(container, series, {height = 340, priceFormat, bucket = 1} = {}) {
        this.container = container;
        this.bucket = bucket;
        this.points = {};
        this.series = {};
        container.dataset.points = '0';
        const LWC = window.LightweightCharts;
        if (!LWC) {
            container.textContent = 'The chart library is missing (/vendor/lightweight-charts): build api-gateway with Maven.';
            container.classList.add('chart-missing');
            return;
        }
        this.chart = LWC.createChart(container, {
            height,
            autoSize: true,
            layout: {background: {color: 'transparent'}, textColor: '#c9d1d9', attributionLogo: false},
            grid: {vertLines: {color: '#21262d'}, horzLines: {color: '#21262d'}},
            rightPriceScale: {borderColor: '#30363d'},
            // times are UTC seconds; shown in the browser's time zone like the rest of the page
            localization: {timeFormatter: (t) => new Date(t * 1000).toLocaleString('en-GB')},
            timeScale: {borderColor: '#30363d', timeVisible: true, secondsVisible: bucket < 60, tickMarkFormatter: tickMark},
            crosshair: {mode: LWC.CrosshairMode.Normal},
        });
        for (const s of series) {
            this.series[s.key] = this.chart.addSeries(LWC.LineSeries, {
                color: s.color || COLORS[s.key] || COLORS.value,
                lineWidth: 2,
                title: s.title || s.key,
                priceFormat: priceFormat || {type: 'custom', formatter: compactPrice, minMove: 0.01},
            });
            this.points[s.key] = [];
        }
    }

    /** Replaces a series' data: [{time (s), value}], any order, duplicates dropped. */
    set(key, data) {
        const clean = [];
        const sorted = (data || []).filter(p => Number.isFinite(p.time) && Number.isFinite(p.value))
            .map(p => ({time: Math.floor(p.time), value: p.value}))
            .sort((a, b) => a.time - b.time);
        for (const p of sorted) {
            if (clean.length && clean[clean.length - 1].time === p.time) {
                clean[clean.length - 1] = p;
            } else {
                clean.push(p);
            }
        }
        this.points[key] = clean;
        if (this.series[key]) {
            this.series[key].setData(clean);
        }
        this.count();
    }

    /** A live value: updates the point of its bucket or appends one; a value older than the last point is ignored. */
    append(key, timeSec, value) {
        const list = this.points[key];
        if (!list || !Number.isFinite(timeSec) || !Number.isFinite(value)) {
            return;
        }
        const t = Math.floor(timeSec / this.bucket) * this.bucket;
        const last = list[list.length - 1];
        if (last && t < last.time) {
            return;
        }
        if (last && t === last.time) {
            last.value = value;
        } else {
            list.push({time: t, value});
        }
        if (this.series[key]) {
            this.series[key].update({time: t, value});
        }
        this.container.dataset.liveAt = String(Date.now());
        this.count();
    }

    fit() {
        if (this.chart) {
            this.chart.timeScale().fitContent();
        }
    }

    count() {
        const n = Object.values(this.points).reduce((sum, list) => sum + list.length, 0);
        this.container.dataset.points = String(n);
    }

    destroy() {
        if (this.chart) {
            this.chart.remove();
            this.chart = null;
        }
    }
}

/** Tick labels in local time (TickMarkType: 0 year, 1 month, 2 day, 3 time, 4 time with seconds). */
function tickMark(t, type) {
    const d = new Date(t * 1000);
    if (type === 0) return String(d.getFullYear());
    if (type <= 2) return d.toLocaleDateString('en-GB', {day: '2-digit', month: 'short'});
    return d.toLocaleTimeString('en-GB', type === 4
        ? {hour: '2-digit', minute: '2-digit', second: '2-digit'} : {hour: '2-digit', minute: '2-digit'});
}

function compactPrice(x) {
    const a = Math.abs(x);
    if (a >= 1e9) return (x / 1e9).toFixed(2) + 'B';
    if (a >= 1e6) return (x / 1e6).toFixed(2) + 'M';
    if (a >= 1e3) return (x / 1e3).toFixed(1) + 'K';
    return x.toFixed(a >= 10 ? 1 : 3);
}
