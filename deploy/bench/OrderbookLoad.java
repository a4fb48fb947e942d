import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import io.marketdata.orderbook.consume.DeadLetterQueues;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator and meter of deploy/bench/orderbook-load.sh: book messages into
 * {@code futures_data} and how fast orderbook-service consumes them, next to a bare AMQP consumer
 * that only acknowledges. A measurement only: it prints numbers and asserts nothing about them.
 * Run as a single-file source program (no build step) with the jars of orderbook-service's own
 * quarkus-app on the class path (amqp-client, slf4j-api, contracts, jackson-core/-databind/-annotations,
 * and app/orderbook-service-*.jar for the service's own queue declaration):
 *
 * <pre>
 * java -cp "$CP" deploy/bench/OrderbookLoad.java flood vhost=marketdata_bench metrics=http://localhost:8082/q/metrics
 * </pre>
 *
 * Commands (the calling script runs them in this order):
 * <ul>
 *   <li>{@code reset}: deletes the bench queues (the service's, its DLQ, the bare consumer's), so a
 *       previous run's backlog cannot pollute the next one. The service must be stopped.</li>
 *   <li>{@code fill}: declares the service's queue exactly as the service does (durable, dead-lettered,
 *       bound to {@code futures.#} and {@code spot.#}) and the bare consumer's (durable, same keys),
 *       and publishes {@code count} messages into {@code futures_data} with nobody consuming: the same
 *       backlog in both queues.</li>
 *   <li>{@code drain-bare}: the bare consumer drains its backlog alone (the service is not running):
 *       manual acks, multiple every {@code ack-every} deliveries, prefetch {@code prefetch}.</li>
 *   <li>{@code watch-service}: while the freshly started service drains its backlog alone, samples its
 *       Prometheus counters and its queue until it has handled {@code count} messages.</li>
 *   <li>{@code flood}: the running (by now warmed-up) service and the bare consumer consume while
 *       {@code publishers} threads publish as fast as the broker confirms, for {@code warmup-s} +
 *       {@code measure-s} seconds; then both catch up.</li>
 * </ul>
 *
 * <p>Publishing (fill, flood): one connection per thread, persistent messages, a
 * {@code waitForConfirmsOrDie} every {@code confirm-batch} messages. {@code books} series (5
 * exchanges × books/5 assets {@code OBBL001…}, so the bench's rows are easy to delete), {@code levels}
 * bids and asks each, 1–3 ticks apart around realistic prices, {@code variants} bodies per book with
 * the timestamps patched in. Each book's messages are 1 s apart from {@code start}: its minute advances
 * every 60 of its messages, so minute points are written as in production, time-compressed. The
 * default start is a fixed future day: the wall clock never closes those minutes (it would close past
 * ones, making the books late) and nothing else lives there. A book's messages always come from the
 * same thread, in order. The correlation id carries the publish time.
 *
 * <p>Measured: the service's handled messages from {@code orderbook_books_total},
 * {@code orderbook_books_rejected_total} and {@code orderbook_dead_lettered_total}; the bare
 * consumer's deliveries of bench messages; ready messages per queue (passive declare, so the up to
 * {@code prefetch} unacknowledged ones are not included); in the flood, the bare consumer's publish →
 * delivery delay and the service's publish → output delay: the publish time of the book a
 * {@code depth.*} message on {@code market_analytics} was computed from, at its arrival (at most one
 * per book and second, so about {@code books} samples a second). Drains are rated from
 * {@code rate-from} to {@code rate-to} of the backlog consumed (25 % to 90 %, interpolated between
 * samples taken every 250 ms): before, the freshly started JVMs are still compiling (the service
 * needs about 3 s to reach its steady rate), after, the queue's tail. Timelines go to {@code out};
 * the last stdout line is {@code result key=value …} for the calling script.
 *
 * <p>Arguments ({@code key=value}, all optional): {@code host} (localhost), {@code port} (5672),
 * {@code user}/{@code password} (guest), {@code vhost} (marketdata_bench), {@code service-queue}
 * (orderbook.market_data.bench), {@code bare-queue} (orderbook.bench.bare), {@code metrics}
 * (http://localhost:8082/q/metrics), {@code books} (200), {@code levels} (100), {@code variants} (8),
 * {@code publishers} (2), {@code confirm-batch} (200), {@code prefetch} (4000, the service's default),
 * {@code ack-every} (200), {@code count} (300000), {@code rate-from} (0.25), {@code rate-to} (0.9),
 * {@code warmup-s} (20), {@code measure-s} (60),
 * {@code timeout-s} (300, for a drain or catch-up), {@code max-backlog} (200000: the flood pauses
 * while a queue holds more ready messages), {@code start} (2030-01-02T00:00:00Z), {@code out} (.).
 */
public class OrderbookLoad {

    static final String CORRELATION_PREFIX = "obload-";
    /** Marker digits for the two timestamps, patched into each copy of a body (13 digits, like any epoch ms until 2286). */
    static final long TIMESTAMP_MARK = 1_111_111_111_111L;
    static final long BOOK_TIMESTAMP_MARK = 2_222_222_222_222L;
    static final List<String> EXCHANGES = List.of("binance", "bybit", "bitget", "htx", "gateio");
    /** Start prices of the synthetic assets, cycled: from BTC-like to sub-cent. */
    static final double[] PRICES = {65000, 3400, 150, 580, 0.52, 0.15, 0.45, 35, 14.5, 6.8, 0.12, 80, 450, 5.5, 9.5,
        8.2, 26, 0.11, 5.6, 8.8, 1.05, 2.3, 24, 1.1, 0.45, 9.5, 1.9, 95, 1.9, 0.42, 5.2, 1.9, 0.17, 0.08, 11, 0.24, 0.42,
        0.035, 1.2, 4.5};
    static final long SAMPLE_MS = 250;

    final Map<String, String> args;
    final ConnectionFactory factory = new ConnectionFactory();

    OrderbookLoad(Map<String, String> args) {
        this.args = args;
        factory.setHost(arg("host", "localhost"));
        factory.setPort(Integer.parseInt(arg("port", "5672")));
        factory.setUsername(arg("user", "guest"));
        factory.setPassword(arg("password", "guest"));
        factory.setVirtualHost(arg("vhost", "marketdata_bench"));
    }

    public static void main(String[] argv) throws Exception {
        List<String> commands = List.of("reset", "fill", "drain-bare", "watch-service", "flood");
        if (argv.length == 0 || !commands.contains(argv[0])) {
            System.err.println("usage: OrderbookLoad " + String.join("|", commands) + " [key=value ...] (see the class comment)");
            System.exit(2);
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : Arrays.copyOfRange(argv, 1, argv.length)) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        OrderbookLoad load = new OrderbookLoad(args);
        int status = 0;
        try {
            switch (argv[0]) {
                case "reset" -> load.reset();
                case "fill" -> load.fill();
                case "drain-bare" -> load.drainBare();
                case "watch-service" -> load.watchService();
                default -> load.flood();
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // the client's non-daemon threads (publishers, consumers) must not keep the JVM alive
        System.exit(status);
    }

    String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    int intArg(String key, int fallback) {
        return Integer.parseInt(arg(key, Integer.toString(fallback)));
    }

    String serviceQueue() {
        return arg("service-queue", "orderbook.market_data.bench");
    }

    String bareQueue() {
        return arg("bare-queue", "orderbook.bench.bare");
    }

    Path out(String file) {
        return Path.of(arg("out", ".")).resolve(file);
    }

    // ---- reset and fill --------------------------------------------------------------------------

    void reset() throws Exception {
        try (Connection c = factory.newConnection("orderbook-load/reset")) {
            Channel ch = c.createChannel();
            for (String q : List.of(serviceQueue(), Topology.deadLetterQueue(serviceQueue()), bareQueue())) {
                AMQP.Queue.DeleteOk ok = ch.queueDelete(q);
                System.out.printf(Locale.ROOT, "deleted queue %s (%d messages)%n", q, ok.getMessageCount());
            }
        }
    }

    void declareBareQueue(Channel ch) throws IOException {
        ch.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(bareQueue(), true, false, false, null);
        ch.queueBind(bareQueue(), Topology.MARKET_DATA_EXCHANGE, "futures.#");
        ch.queueBind(bareQueue(), Topology.MARKET_DATA_EXCHANGE, "spot.#");
    }

    void fill() throws Exception {
        int publishers = intArg("publishers", 2);
        int batch = intArg("confirm-batch", 200);
        // whole confirm batches per thread
        long perThread = (Long.parseLong(arg("count", "300000")) + (long) publishers * batch - 1) / ((long) publishers * batch) * batch;
        List<Book> books = books();
        try (Connection c = factory.newConnection("orderbook-load/fill")) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            DeadLetterQueues.declareQueueWithDeadLetters(ch, serviceQueue());
            ch.queueBind(serviceQueue(), Topology.MARKET_DATA_EXCHANGE, "futures.#");
            ch.queueBind(serviceQueue(), Topology.MARKET_DATA_EXCHANGE, "spot.#");
            declareBareQueue(ch);
            long t0 = System.currentTimeMillis();
            Publishers p = new Publishers(books, publishers, batch, startMs(), perThread);
            p.start();
            p.join();
            long t1 = System.currentTimeMillis();
            long serviceReady = ch.queueDeclarePassive(serviceQueue()).getMessageCount();
            long bareReady = ch.queueDeclarePassive(bareQueue()).getMessageCount();
            double rate = p.published.get() / ((t1 - t0) / 1000.0);
            System.out.printf(Locale.ROOT, "filled %d messages in %.1f s = %.0f msgs/s with no consumer (%.1f MB/s of bodies);"
                    + " ready: service queue %d, bare queue %d%n", p.published.get(), (t1 - t0) / 1000.0, rate,
                    rate * meanBody(books) / 1e6, serviceReady, bareReady);
            System.out.printf(Locale.ROOT, "result window_start_ms=%d window_end_ms=%d count=%d fill_rate=%.0f%n", t0, t1,
                    p.published.get(), rate);
        }
    }

    long startMs() {
        return Instant.parse(arg("start", "2030-01-02T00:00:00Z")).toEpochMilli();
    }

    // ---- drains ------------------------------------------------------------------------------------

    void drainBare() throws Exception {
        long count = Long.parseLong(arg("count", "300000"));
        long timeout = intArg("timeout-s", 300) * 1000L;
        try (Connection c = factory.newConnection("orderbook-load/bare-drain")) {
            Channel monitor = c.createChannel();
            BareConsumer bare = new BareConsumer(factory.newConnection("orderbook-load/bare-consumer"),
                    intArg("prefetch", 4000), intArg("ack-every", 200));
            List<long[]> samples = new ArrayList<>();
            long t0 = System.currentTimeMillis();
            bare.start(bareQueue());
            try (PrintWriter timeline = new PrintWriter(Files.newBufferedWriter(out("bare-drain.csv")))) {
                timeline.println("t_ms,consumed,ready");
                while (true) {
                    Thread.sleep(SAMPLE_MS);
                    long now = System.currentTimeMillis();
                    long ready = monitor.queueDeclarePassive(bareQueue()).getMessageCount();
                    long consumed = bare.consumed.get();
                    samples.add(new long[] {now, consumed});
                    timeline.printf(Locale.ROOT, "%d,%d,%d%n", now, consumed, ready);
                    if ((consumed >= count && ready == 0) || now - t0 > timeout) {
                        break;
                    }
                }
            }
            bare.close();
            report("bare consumer", samples, count, "");
        }
    }

    void watchService() throws Exception {
        long count = Long.parseLong(arg("count", "300000"));
        long timeout = intArg("timeout-s", 300) * 1000L;
        URI metrics = URI.create(arg("metrics", "http://localhost:8082/q/metrics"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (Connection c = factory.newConnection("orderbook-load/service-watch")) {
            Channel monitor = c.createChannel();
            List<long[]> samples = new ArrayList<>();
            Metrics first = null;
            Metrics last = null;
            // the calling script starts the service once it reads this line
            System.out.println("watching " + metrics);
            System.out.flush();
            long t0 = System.currentTimeMillis();
            try (PrintWriter timeline = new PrintWriter(Files.newBufferedWriter(out("service-drain.csv")))) {
                timeline.println("t_ms,handled,ready,checkpoint_queue");
                while (true) {
                    Thread.sleep(SAMPLE_MS);
                    long now = System.currentTimeMillis();
                    if (now - t0 > timeout) {
                        break;
                    }
                    Metrics m;
                    try {
                        m = Metrics.read(http, metrics);
                    } catch (IOException e) {
                        continue; // the service is still starting
                    }
                    if (first == null) {
                        first = m;
                    }
                    last = m;
                    long ready = monitor.queueDeclarePassive(serviceQueue()).getMessageCount();
                    samples.add(new long[] {now, m.handled});
                    timeline.printf(Locale.ROOT, "%d,%d,%d,%d%n", now, m.handled, ready, m.checkpointQueue);
                    if (m.handled >= count && ready == 0) {
                        break;
                    }
                }
            }
            if (first == null) {
                throw new IllegalStateException(metrics + " never answered");
            }
            long writes = (long) (last.checkpointWrites - first.checkpointWrites);
            String extra = String.format(Locale.ROOT, " checkpoints=%d checkpoint_write_mean_ms=%.1f applied=%d late=%d"
                    + " rejected=%d dead_lettered=%d minutes_written=%d", writes,
                    writes == 0 ? 0 : (last.checkpointWriteSeconds - first.checkpointWriteSeconds) * 1000 / writes,
                    (long) last.applied, (long) last.late, (long) last.rejected, (long) last.deadLettered,
                    (long) (last.minutesWritten - first.minutesWritten));
            report("orderbook-service", samples, count, extra);
        }
    }

    /** Prints the drain rates of a {@code (time ms, consumed)} series and the result line. */
    void report(String who, List<long[]> samples, long count, String extra) {
        double from = Double.parseDouble(arg("rate-from", "0.25"));
        double to = Double.parseDouble(arg("rate-to", "0.9"));
        long start = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i)[1] > 0) {
                // the first delivery happened within the sample interval before this one
                start = i == 0 ? samples.get(0)[0] - SAMPLE_MS : samples.get(i - 1)[0];
                break;
            }
        }
        long[] end = samples.get(samples.size() - 1);
        double tFrom = crossing(samples, count * from);
        double tTo = crossing(samples, count * to);
        double steady = count * (to - from) / ((tTo - tFrom) / 1000.0);
        double overall = end[1] / ((end[0] - start) / 1000.0);
        System.out.printf(Locale.ROOT, "%s drained %d of %d messages: %.0f msgs/s from %.0f %% to %.0f %% of them (%.1f s),"
                + " %.0f msgs/s from the first delivery to empty (%.1f s)%n", who, end[1], count, steady, from * 100, to * 100,
                (tTo - tFrom) / 1000.0, overall, (end[0] - start) / 1000.0);
        System.out.printf(Locale.ROOT, "result window_start_ms=%.0f window_end_ms=%.0f drained=%d steady_rate=%.0f overall_rate=%.0f%s%n",
                tFrom, tTo, end[1], steady, overall, extra);
    }

    /** The time (ms, interpolated) at which the series first reached {@code value}. */
    static double crossing(List<long[]> samples, double value) {
        long[] previous = null;
        for (long[] s : samples) {
            if (s[1] >= value) {
                if (previous == null) {
                    return s[0];
                }
                return previous[0] + (value - previous[1]) / (double) (s[1] - previous[1]) * (s[0] - previous[0]);
            }
            previous = s;
        }
        throw new IllegalStateException("the backlog was not drained (" + (previous == null ? 0 : previous[1]) + " consumed)");
    }

    // ---- flood ---------------------------------------------------------------------------------------

    void flood() throws Exception {
        int warmupS = intArg("warmup-s", 20);
        int measureS = intArg("measure-s", 60);
        long timeout = intArg("timeout-s", 300) * 1000L;
        long maxBacklog = Long.parseLong(arg("max-backlog", "200000"));
        URI metrics = URI.create(arg("metrics", "http://localhost:8082/q/metrics"));
        List<Book> books = books();
        double meanBody = meanBody(books);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Connection admin = factory.newConnection("orderbook-load/monitor");
        Channel monitor = admin.createChannel();
        monitor.exchangeDeclare(Topology.ANALYTICS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        AMQP.Queue.DeclareOk serviceQueueState = monitor.queueDeclarePassive(serviceQueue());
        if (serviceQueueState.getConsumerCount() == 0) {
            throw new IllegalStateException("nobody consumes " + serviceQueue() + ": start orderbook-service first");
        }
        declareBareQueue(monitor);
        BareConsumer bare = new BareConsumer(factory.newConnection("orderbook-load/bare-consumer"),
                intArg("prefetch", 4000), intArg("ack-every", 200));
        bare.start(bareQueue());

        Delays serviceLags = new Delays();
        AtomicLong depthMessages = new AtomicLong();
        Connection analytics = factory.newConnection("orderbook-load/depth-listener");
        Channel depthChannel = analytics.createChannel();
        String depthQueue = depthChannel.queueDeclare("", false, true, true, null).getQueue();
        depthChannel.queueBind(depthQueue, Topology.ANALYTICS_EXCHANGE, "depth.#");
        depthChannel.basicConsume(depthQueue, true, new DefaultConsumer(depthChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                long sent = sentMs(props.getCorrelationId());
                if (sent > 0) {
                    serviceLags.add(System.currentTimeMillis() - sent);
                    depthMessages.incrementAndGet();
                }
            }
        });

        Metrics m0 = Metrics.read(http, metrics);
        System.out.printf(Locale.ROOT, "flood: %d books × %d levels per side, mean body %.0f B; %d publisher threads, a confirm"
                + " wait every %d messages, persistent; book timestamps from %s; service queue ready before: %d%n",
                books.size(), intArg("levels", 100), meanBody, intArg("publishers", 2), intArg("confirm-batch", 200),
                Instant.ofEpochMilli(startMs()), serviceQueueState.getMessageCount());

        Publishers publishers = new Publishers(books, intArg("publishers", 2), intArg("confirm-batch", 200), startMs(),
                Long.MAX_VALUE);
        PrintWriter timeline = new PrintWriter(Files.newBufferedWriter(out("flood.csv")));
        timeline.println("t_s,phase,published,service_handled,bare_consumed,service_ready,bare_ready,"
                + "service_lag_p50_ms,service_lag_max_ms,bare_delay_p50_ms,bare_delay_max_ms,checkpoint_queue");
        long t0 = System.currentTimeMillis();
        publishers.start();

        Map<String, List<int[]>> lags = new LinkedHashMap<>();
        Map<String, List<int[]>> delays = new LinkedHashMap<>();
        Snapshot measureStart = null;
        Snapshot measureEnd = null;
        Snapshot caughtUp = null;
        long publishedTotal = -1;
        String phase = "warmup";
        long maxServiceReady = 0;
        long maxBareReady = 0;
        long pausedSamples = 0;
        long nextTick = t0 + 1000;
        while (caughtUp == null) {
            long sleep = nextTick - System.currentTimeMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            nextTick += 1000;
            long now = System.currentTimeMillis();
            long serviceReady = monitor.queueDeclarePassive(serviceQueue()).getMessageCount();
            long bareReady = monitor.queueDeclarePassive(bareQueue()).getMessageCount();
            publishers.paused = serviceReady > maxBacklog || bareReady > maxBacklog;
            Metrics m = Metrics.read(http, metrics);
            Snapshot s = new Snapshot(now, publishers.published.get(), m.handled - m0.handled, bare.consumed.get(), m);
            int[] lag = serviceLags.drainSorted();
            int[] delay = bare.delays.drainSorted();
            lags.computeIfAbsent(phase, k -> new ArrayList<>()).add(lag);
            delays.computeIfAbsent(phase, k -> new ArrayList<>()).add(delay);
            timeline.printf(Locale.ROOT, "%.1f,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", (now - t0) / 1000.0, phase, s.published,
                    s.serviceHandled, s.bareConsumed, serviceReady, bareReady, pct(lag, 50), pct(lag, 100),
                    pct(delay, 50), pct(delay, 100), m.checkpointQueue);
            timeline.flush();
            if (publishers.failure != null) {
                throw new IllegalStateException("a publisher failed: " + publishers.failure);
            }
            switch (phase) {
                case "warmup" -> {
                    if (now - t0 >= warmupS * 1000L) {
                        measureStart = s;
                        phase = "measure";
                    }
                }
                case "measure" -> {
                    maxServiceReady = Math.max(maxServiceReady, serviceReady);
                    maxBareReady = Math.max(maxBareReady, bareReady);
                    pausedSamples += publishers.paused ? 1 : 0;
                    if (now - measureStart.ms >= measureS * 1000L) {
                        measureEnd = s;
                        publishers.stop();
                        publishedTotal = publishers.published.get();
                        phase = "catch-up";
                    }
                }
                default -> {
                    if ((s.bareConsumed >= publishedTotal && s.serviceHandled >= publishedTotal && serviceReady == 0
                            && bareReady == 0) || now - measureEnd.ms > timeout) {
                        caughtUp = s;
                    }
                }
            }
        }
        timeline.close();
        analytics.close(2_000);
        bare.close();
        admin.close(2_000);

        double seconds = (measureEnd.ms - measureStart.ms) / 1000.0;
        double pubRate = (measureEnd.published - measureStart.published) / seconds;
        double serviceRate = (measureEnd.serviceHandled - measureStart.serviceHandled) / seconds;
        double bareRate = (measureEnd.bareConsumed - measureStart.bareConsumed) / seconds;
        Metrics mEnd = caughtUp.metrics;
        long writes = (long) (mEnd.checkpointWrites - measureStart.metrics.checkpointWrites);
        int[] serviceLag = merged(lags.get("measure"));
        int[] bareDelay = merged(delays.get("measure"));
        System.out.printf(Locale.ROOT, "measured window: %.1f s after %d s of warm-up%n", seconds, warmupS);
        System.out.printf(Locale.ROOT, "published (confirmed)      %7.0f msgs/s (%.1f MB/s of bodies)%n", pubRate,
                pubRate * meanBody / 1e6);
        System.out.printf(Locale.ROOT, "orderbook-service handled  %7.0f msgs/s%n", serviceRate);
        System.out.printf(Locale.ROOT, "bare consumer consumed     %7.0f msgs/s%n", bareRate);
        System.out.printf(Locale.ROOT, "most ready messages in the window: service queue %d, bare queue %d (publishing paused"
                + " above %d in %d of the window's 1-s samples)%n", maxServiceReady, maxBareReady, maxBacklog, pausedSamples);
        System.out.printf(Locale.ROOT, "service lag, publish → depth.* out:  %s%n", describe(serviceLag));
        System.out.printf(Locale.ROOT, "bare delay, publish → delivery:      %s%n", describe(bareDelay));
        System.out.printf(Locale.ROOT, "checkpoints from the window's start to caught up: %d, mean write %.1f ms;"
                + " minute points written %d%n", writes,
                writes == 0 ? 0 : (mEnd.checkpointWriteSeconds - measureStart.metrics.checkpointWriteSeconds) * 1000 / writes,
                (long) (mEnd.minutesWritten - measureStart.metrics.minutesWritten));
        System.out.printf(Locale.ROOT, "after the window: both caught up in %.1f s; in all %d published, service handled %d,"
                + " bare consumed %d (redelivered %d)%n", (caughtUp.ms - measureEnd.ms) / 1000.0, publishedTotal,
                caughtUp.serviceHandled, caughtUp.bareConsumed, bare.redelivered.get());
        System.out.printf(Locale.ROOT, "service outcomes: applied %d, late %d, rejected %d, dead-lettered %d; depth.* received %d%n",
                (long) (mEnd.applied - m0.applied), (long) (mEnd.late - m0.late), (long) (mEnd.rejected - m0.rejected),
                (long) (mEnd.deadLettered - m0.deadLettered), depthMessages.get());
        System.out.printf(Locale.ROOT, "result window_start_ms=%d window_end_ms=%d published=%d publish_rate=%.0f service_rate=%.0f"
                + " bare_rate=%.0f service_lag_p50_ms=%d service_lag_p99_ms=%d bare_delay_p50_ms=%d bare_delay_p99_ms=%d"
                + " max_service_ready=%d%n", measureStart.ms, measureEnd.ms, publishedTotal, pubRate, serviceRate, bareRate,
                pct(serviceLag, 50), pct(serviceLag, 99), pct(bareDelay, 50), pct(bareDelay, 99), maxServiceReady);
    }

    /** The counters at the moment a flood sample was taken. */
    record Snapshot(long ms, long published, long serviceHandled, long bareConsumed, Metrics metrics) {
    }

    // ---- publishing --------------------------------------------------------------------------------

    /** Publisher threads, each with its own connection and its share of the books. */
    final class Publishers {
        final AtomicLong published = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        volatile boolean stopped;
        volatile boolean paused;
        volatile String failure;

        Publishers(List<Book> books, int count, int batch, long startMs, long perThread) throws Exception {
            for (int p = 0; p < count; p++) {
                List<Book> mine = new ArrayList<>();
                for (int i = p; i < books.size(); i += count) {
                    mine.add(books.get(i));
                }
                Connection c = factory.newConnection("orderbook-load/publisher-" + p);
                threads.add(new Thread(() -> publish(c, mine, batch, startMs, perThread), "publisher-" + p));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
            if (failure != null) {
                throw new IllegalStateException("a publisher failed: " + failure);
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            join();
        }

        /** One thread: its books round-robin, a confirm wait every {@code batch} messages, {@code quota} at most. */
        void publish(Connection connection, List<Book> books, int batch, long startMs, long quota) {
            try (connection) {
                Channel ch = connection.createChannel();
                ch.confirmSelect();
                String thread = Thread.currentThread().getName();
                int next = 0;
                long seq = 0;
                while (!stopped && seq < quota) {
                    if (paused) {
                        Thread.sleep(50);
                        continue;
                    }
                    for (int i = 0; i < batch; i++) {
                        Book book = books.get(next);
                        next = (next + 1) % books.size();
                        byte[] body = book.next(startMs);
                        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                                .contentType(Topology.CONTENT_TYPE)
                                .deliveryMode(2)
                                .correlationId(CORRELATION_PREFIX + System.currentTimeMillis() + "-" + thread + "-" + seq++)
                                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MarketDataMessage.SCHEMA_VERSION))
                                .build();
                        ch.basicPublish(Topology.MARKET_DATA_EXCHANGE, book.routingKey, props, body);
                    }
                    ch.waitForConfirmsOrDie(60_000);
                    published.addAndGet(batch);
                }
            } catch (Exception e) {
                failure = e.toString();
            }
        }
    }

    static long sentMs(String correlationId) {
        if (correlationId == null || !correlationId.startsWith(CORRELATION_PREFIX)) {
            return -1;
        }
        int end = correlationId.indexOf('-', CORRELATION_PREFIX.length());
        return Long.parseLong(correlationId.substring(CORRELATION_PREFIX.length(), end < 0 ? correlationId.length() : end));
    }

    // ---- the bare consumer ---------------------------------------------------------------------------

    /** Counts and acknowledges, nothing else: the ceiling any consumer of this broker can reach. */
    static final class BareConsumer {
        final Connection connection;
        final Channel channel;
        final int ackEvery;
        final AtomicLong consumed = new AtomicLong();
        final AtomicLong redelivered = new AtomicLong();
        final Delays delays = new Delays();

        BareConsumer(Connection connection, int prefetch, int ackEvery) throws IOException {
            this.connection = connection;
            this.channel = connection.createChannel();
            this.ackEvery = ackEvery;
            channel.basicQos(prefetch);
        }

        void start(String queue) throws IOException {
            channel.basicConsume(queue, false, "bare-consumer", new DefaultConsumer(channel) {
                long unacked;

                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    long sent = sentMs(props.getCorrelationId());
                    if (sent > 0) {
                        delays.add(System.currentTimeMillis() - sent);
                        consumed.incrementAndGet();
                        if (envelope.isRedeliver()) {
                            redelivered.incrementAndGet();
                        }
                    }
                    if (++unacked >= ackEvery) {
                        getChannel().basicAck(envelope.getDeliveryTag(), true);
                        unacked = 0;
                    }
                }
            });
        }

        void close() throws IOException {
            connection.close(2_000);
        }
    }

    // ---- the books ---------------------------------------------------------------------------------

    /** One synthetic book: its routing key and bodies with timestamp slots. */
    static final class Book {
        final String routingKey;
        final byte[][] templates;
        /** Where the slots start in each template (the variants' lengths differ). */
        final int[] timestampAt;
        final int[] bookTimestampAt;
        long sent;

        Book(String routingKey, byte[][] templates) {
            this.routingKey = routingKey;
            this.templates = templates;
            timestampAt = new int[templates.length];
            bookTimestampAt = new int[templates.length];
            for (int v = 0; v < templates.length; v++) {
                timestampAt[v] = indexOf(templates[v], TIMESTAMP_MARK);
                bookTimestampAt[v] = indexOf(templates[v], BOOK_TIMESTAMP_MARK);
            }
        }

        /** The body of this book's next message: the next variant, timestamped 1 s after the previous one. */
        byte[] next(long startMs) {
            int v = (int) (sent % templates.length);
            long ts = startMs + sent * 1000;
            byte[] body = templates[v].clone();
            writeDigits(body, timestampAt[v], ts);
            writeDigits(body, bookTimestampAt[v], ts - 40);
            sent++;
            return body;
        }

        static int indexOf(byte[] body, long mark) {
            byte[] needle = Long.toString(mark).getBytes(StandardCharsets.US_ASCII);
            int found = -1;
            outer:
            for (int i = 0; i + needle.length <= body.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                if (found >= 0) {
                    throw new IllegalStateException("timestamp slot " + mark + " occurs twice");
                }
                found = i;
            }
            if (found < 0) {
                throw new IllegalStateException("timestamp slot " + mark + " not found");
            }
            return found;
        }

        static void writeDigits(byte[] body, int at, long value) {
            for (int i = at + 12; i >= at; i--) {
                body[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }

    List<Book> books() {
        int count = intArg("books", 200);
        int levels = intArg("levels", 100);
        int variants = intArg("variants", 8);
        if (count % EXCHANGES.size() != 0 || count / EXCHANGES.size() > 999) {
            throw new IllegalArgumentException("books must be a multiple of " + EXCHANGES.size() + ", at most 4995");
        }
        List<Book> out = new ArrayList<>(count);
        long seed = 1;
        for (int a = 0; a < count / EXCHANGES.size(); a++) {
            UnifiedSymbol symbol = UnifiedSymbol.of(String.format(Locale.ROOT, "OBBL%03d/USDT:USDT", a + 1));
            double price = PRICES[a % PRICES.length];
            for (String exchange : EXCHANGES) {
                byte[][] templates = new byte[variants][];
                for (int v = 0; v < variants; v++) {
                    templates[v] = Json.toBytes(message(exchange, symbol, price, levels, new Random(seed++)));
                }
                out.add(new Book(RoutingKeys.marketData(exchange, symbol), templates));
            }
        }
        return out;
    }

    static double meanBody(List<Book> books) {
        long bytes = 0;
        long n = 0;
        for (Book b : books) {
            for (byte[] t : b.templates) {
                bytes += t.length;
                n++;
            }
        }
        return (double) bytes / n;
    }

    /** A normalized message as the collector publishes it, with the timestamp slots. */
    static MarketDataMessage message(String exchange, UnifiedSymbol symbol, double startPrice, int levels, Random rnd) {
        double mid = startPrice * (1 + (rnd.nextDouble() - 0.5) * 0.01);
        // about six significant digits of price, lots worth roughly 1 USD
        int priceScale = Math.max(1, Math.min(8, 5 - (int) Math.floor(Math.log10(mid))));
        int sizeScale = Math.max(0, Math.min(8, (int) Math.ceil(Math.log10(mid))));
        double[][] bids = side(mid, levels, true, rnd, priceScale, sizeScale);
        double[][] asks = side(mid, levels, false, rnd, priceScale, sizeScale);
        double last = BigDecimal.valueOf((bids[0][0] + asks[0][0]) / 2).setScale(priceScale, RoundingMode.HALF_UP)
                .doubleValue();
        return new MarketDataMessage(exchange, "futures", symbol.toString(), TIMESTAMP_MARK,
                new Ticker(bids[0][0], asks[0][0], last, Math.floor(rnd.nextDouble() * 1e9 / mid)),
                new OrderBook(bids, asks, BOOK_TIMESTAMP_MARK), 0.0001, 1_893_456_000_000L, last,
                Map.of("native_symbol", symbol.routingSymbol()));
    }

    static double[][] side(double mid, int levels, boolean bids, Random rnd, int priceScale, int sizeScale) {
        BigDecimal tick = BigDecimal.ONE.movePointLeft(priceScale);
        BigDecimal price = BigDecimal.valueOf(mid).setScale(priceScale, RoundingMode.HALF_UP);
        price = bids ? price.subtract(tick) : price.add(tick);
        double[][] out = new double[levels][];
        for (int i = 0; i < levels; i++) {
            // sizes: 1 to ~20000 lots, most small, a few walls
            long lots = 1 + (long) Math.floor(Math.exp(rnd.nextDouble() * 10) * (rnd.nextInt(20) == 0 ? 3 : 1) / 3);
            out[i] = new double[] {price.doubleValue(), BigDecimal.valueOf(lots, sizeScale).doubleValue()};
            BigDecimal step = tick.multiply(BigDecimal.valueOf(1 + rnd.nextInt(3)));
            price = bids ? price.subtract(step) : price.add(step);
        }
        return out;
    }

    // ---- numbers ---------------------------------------------------------------------------------

    /** Delays in ms, one per sampled message, handed over once a second; guarded by its monitor. */
    static final class Delays {
        private int[] values = new int[1024];
        private int size;

        synchronized void add(long ms) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, ms));
        }

        /** The values added since the last call, sorted. */
        synchronized int[] drainSorted() {
            int[] out = Arrays.copyOf(values, size);
            size = 0;
            Arrays.sort(out);
            return out;
        }
    }

    static int[] merged(List<int[]> parts) {
        if (parts == null) {
            return new int[0];
        }
        int[] all = parts.stream().flatMapToInt(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** The p-th percentile of sorted values (nearest rank), -1 when there are none. */
    static int pct(int[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String describe(int[] sorted) {
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d samples)", pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), pct(sorted, 100), sorted.length);
    }

    /** The service's Prometheus counters this tool needs. */
    static final class Metrics {
        double applied;
        double late;
        double rejected;
        double deadLettered;
        long handled;
        double checkpointWrites;
        double checkpointWriteSeconds;
        double minutesWritten;
        long checkpointQueue;

        static Metrics read(HttpClient http, URI uri) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered " + r.statusCode());
            }
            Metrics m = new Metrics();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, space);
                double value = Double.parseDouble(line.substring(space + 1));
                if (name.startsWith("orderbook_books_total{") && name.contains("outcome=\"applied\"")) {
                    m.applied += value;
                } else if (name.startsWith("orderbook_books_total{") && name.contains("outcome=\"late\"")) {
                    m.late += value;
                } else if (name.startsWith("orderbook_books_rejected_total")) {
                    m.rejected += value;
                } else if (name.startsWith("orderbook_dead_lettered_total")) {
                    m.deadLettered += value;
                } else if (name.startsWith("orderbook_checkpoint_write_seconds_count")) {
                    m.checkpointWrites += value;
                } else if (name.startsWith("orderbook_checkpoint_write_seconds_sum")) {
                    m.checkpointWriteSeconds += value;
                } else if (name.startsWith("orderbook_minutes_written_total")) {
                    m.minutesWritten += value;
                } else if (name.startsWith("orderbook_checkpoint_queue")) {
                    m.checkpointQueue += (long) value;
                }
            }
            m.handled = (long) (m.applied + m.late + m.rejected + m.deadLettered);
            return m;
        }
    }
}
