// A WebSocket to the gateway that reconnects with back-off (1 s, 2 s, 4 s … 30 s) when it drops.
// Frames are envelopes {type: snapshot|update|error, channel, key, data}.

export function liveSocket(path, {onFrame, onStatus = () => {}}) {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
    let socket = null;
    let delay = 1000;
    let timer = null;
    let closed = false;

    function connect() {
        onStatus('connecting');
        try {
            socket = new WebSocket(url);
        } catch (e) {
            retry();
            return;
        }
        socket.onopen = () => {
            delay = 1000;
            onStatus('live');
        };
        socket.onmessage = (event) => {
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch {
                return;
            }
            try {
                onFrame(frame);
            } catch (e) {
                console.error('frame handler failed', e);
            }
        };
        socket.onclose = () => retry();
        socket.onerror = () => { /* onclose follows */ };
    }

    function retry() {
        if (closed) {
            return;
        }
        onStatus('reconnecting');
        clearTimeout(timer);
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
    }

    connect();
    return {
        close() {
            closed = true;
            clearTimeout(timer);
            if (socket) {
                socket.onclose = null;
                socket.close();
            }
        },
    };
}
